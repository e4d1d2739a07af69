/// Whether a run of `*` (or `_`) can open and close emphasis as this site's Markdown reads it
/// (CommonMark with the CJK-friendly amendment, `CJKEmphasis`): for tools that write Markdown,
/// such as the WordPress importer, so that `**「東京」**です` is written only where it will be
/// read back as bold.
public enum EmphasisRules {
    /// - Parameters:
    ///   - before: the characters before the run, nearest last (two are enough: a variation
    ///     selector stands for the character it follows); empty at the start of a line.
    ///   - after: the character after the run; nil at the end of a line.
    public static func flags(_ marker: Character, before: [Unicode.Scalar], after: Unicode.Scalar?) -> (
        opens: Bool, closes: Bool
    ) {
        let byte = marker == "_" ? UInt8(ascii: "_") : UInt8(ascii: "*")
        let previous = before.last
        let twoBack = before.count >= 2 ? before[before.count - 2] : nil
        let flags = CJKEmphasis.amended(
            byte, before: CJKCharacters.classifyBefore(previous, twoBack: twoBack),
            after: CJKCharacters.classify(after))
        return (flags.open, flags.close)
    }
}

/// Which service a link on a line of its own would embed as (`EmbedLink`, every service
/// allowed): for the WordPress importer, whose posts embed a bare address on its own line
/// (oEmbed), so that it gives such a line the title an embed needs.
public enum EmbedRules {
    /// The service's name (YouTube, OpenStreetMap, …), or nil for a link that embeds nowhere.
    public static func service(of url: String) -> String? {
        switch EmbedLink.of(url, allowed: Set(EmbedService.allCases))?.service {
        case .youtube: "YouTube"
        case .googlemaps: "Google Maps"
        case .openstreetmap: "OpenStreetMap"
        case .speakerdeck: "Speaker Deck"
        case .slideshare: "SlideShare"
        case nil: nil
        }
    }
}
