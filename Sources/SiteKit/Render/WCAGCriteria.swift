/// The 38 success criteria of WCAG 2.0 at levels A and AA, which JIS X 8341-3:2016 takes
/// over with the same numbers; the Japanese names are WAIC's translation (the JIS's own).
/// `axe` marks those that axe-core's rules in the browser tests look at (in part: a machine
/// finds some failures of a criterion, never its success), `validator` the one the Nu HTML
/// checker decides.
struct WCAGCriterion: Sendable {
    var number: String
    var level: String
    var en: String
    var ja: String
    var axe = false
    var validator = false

    static let all: [WCAGCriterion] = [
        .init(number: "1.1.1", level: "A", en: "Non-text Content", ja: "非テキストコンテンツ", axe: true),
        .init(number: "1.2.1", level: "A", en: "Audio-only and Video-only (Prerecorded)", ja: "音声のみ及び映像のみ（収録済み）"),
        .init(number: "1.2.2", level: "A", en: "Captions (Prerecorded)", ja: "キャプション（収録済み）", axe: true),
        .init(
            number: "1.2.3", level: "A", en: "Audio Description or Media Alternative (Prerecorded)",
            ja: "音声解説、又はメディアに対する代替（収録済み）"),
        .init(number: "1.2.4", level: "AA", en: "Captions (Live)", ja: "キャプション（ライブ）"),
        .init(number: "1.2.5", level: "AA", en: "Audio Description (Prerecorded)", ja: "音声解説（収録済み）"),
        .init(number: "1.3.1", level: "A", en: "Info and Relationships", ja: "情報及び関係性", axe: true),
        .init(number: "1.3.2", level: "A", en: "Meaningful Sequence", ja: "意味のある順序"),
        .init(number: "1.3.3", level: "A", en: "Sensory Characteristics", ja: "感覚的な特徴"),
        .init(number: "1.4.1", level: "A", en: "Use of Color", ja: "色の使用", axe: true),
        .init(number: "1.4.2", level: "A", en: "Audio Control", ja: "音声の制御", axe: true),
        .init(number: "1.4.3", level: "AA", en: "Contrast (Minimum)", ja: "コントラスト（最低限レベル）", axe: true),
        .init(number: "1.4.4", level: "AA", en: "Resize text", ja: "テキストのサイズ変更", axe: true),
        .init(number: "1.4.5", level: "AA", en: "Images of Text", ja: "文字画像"),
        .init(number: "2.1.1", level: "A", en: "Keyboard", ja: "キーボード", axe: true),
        .init(number: "2.1.2", level: "A", en: "No Keyboard Trap", ja: "キーボードトラップなし"),
        .init(number: "2.2.1", level: "A", en: "Timing Adjustable", ja: "タイミング調整可能", axe: true),
        .init(number: "2.2.2", level: "A", en: "Pause, Stop, Hide", ja: "一時停止、停止、非表示", axe: true),
        .init(number: "2.3.1", level: "A", en: "Three Flashes or Below Threshold", ja: "3回の閃光、又は閾値以下"),
        .init(number: "2.4.1", level: "A", en: "Bypass Blocks", ja: "ブロックスキップ", axe: true),
        .init(number: "2.4.2", level: "A", en: "Page Titled", ja: "ページタイトル", axe: true),
        .init(number: "2.4.3", level: "A", en: "Focus Order", ja: "フォーカス順序"),
        .init(number: "2.4.4", level: "A", en: "Link Purpose (In Context)", ja: "リンクの目的（コンテキスト内）", axe: true),
        .init(number: "2.4.5", level: "AA", en: "Multiple Ways", ja: "複数の手段"),
        .init(number: "2.4.6", level: "AA", en: "Headings and Labels", ja: "見出し及びラベル"),
        .init(number: "2.4.7", level: "AA", en: "Focus Visible", ja: "フォーカスの可視化"),
        .init(number: "3.1.1", level: "A", en: "Language of Page", ja: "ページの言語", axe: true),
        .init(number: "3.1.2", level: "AA", en: "Language of Parts", ja: "一部分の言語", axe: true),
        .init(number: "3.2.1", level: "A", en: "On Focus", ja: "フォーカス時"),
        .init(number: "3.2.2", level: "A", en: "On Input", ja: "入力時"),
        .init(number: "3.2.3", level: "AA", en: "Consistent Navigation", ja: "一貫したナビゲーション"),
        .init(number: "3.2.4", level: "AA", en: "Consistent Identification", ja: "一貫した識別性"),
        .init(number: "3.3.1", level: "A", en: "Error Identification", ja: "エラーの特定"),
        .init(number: "3.3.2", level: "A", en: "Labels or Instructions", ja: "ラベル又は説明"),
        .init(number: "3.3.3", level: "AA", en: "Error Suggestion", ja: "エラー修正の提案"),
        .init(
            number: "3.3.4", level: "AA", en: "Error Prevention (Legal, Financial, Data)",
            ja: "エラー回避（法的、金融及びデータ）"),
        .init(number: "4.1.1", level: "A", en: "Parsing", ja: "構文解析", validator: true),
        .init(number: "4.1.2", level: "A", en: "Name, Role, Value", ja: "名前 (name)・役割 (role) 及び値 (value)", axe: true),
    ]
}
