/// The editor's fields: each declared field with the widget of its type, then the keys every
/// page may have, then the Markdown body. Every field says whether it is required (both
/// editors take a field as required unless told) and how it goes between languages: `i18n:
/// true` for a value written per language, `duplicate` for one the editor copies from the
/// default language into every file.
extension CMSConfig {
    func fields(of section: ContentModel.SectionModel) -> [YAMLNode] {
        var result = [title]
        // An event's date is its start's, a declared field.
        if section.kind.isDated && !section.isEvents && section.field("date") == nil {
            result.append(
                field(
                    "date", label: commonLabel("date"), widget: "datetime", required: true, translated: false,
                    options: dateOptions))
        }
        result += section.fields.compactMap(field)
        return result + commonFields + [body]
    }

    var title: YAMLNode {
        field("title", label: commonLabel("title"), widget: "string", required: true, translated: true)
    }

    var body: YAMLNode {
        field("body", label: commonLabel("body"), widget: "markdown", required: false, translated: true)
    }

    /// What a section's `_index` file holds: the list's title and introduction.
    var indexFields: YAMLNode { .list([title, body]) }

    /// The keys every page may have (`ContentModel.commonKeys`), optional all.
    var commonFields: [YAMLNode] {
        let dateTime = datetimeOptions
        return [
            field("summary", label: commonLabel("summary"), widget: "text", required: false, translated: true),
            field("tags", label: commonLabel("tags"), widget: "list", required: false, translated: true),
            field(
                "draft", label: commonLabel("draft"), widget: "boolean", required: false, translated: false,
                options: ["default": false]),
            field(
                "publishDate", label: commonLabel("publishDate"), widget: "datetime", required: false,
                translated: false, options: dateTime),
            field(
                "expiryDate", label: commonLabel("expiryDate"), widget: "datetime", required: false,
                translated: false, options: dateTime),
            field("slug", label: commonLabel("slug"), widget: "string", required: false, translated: true),
            field("aliases", label: commonLabel("aliases"), widget: "list", required: false, translated: true),
            field(
                "translationKey", label: commonLabel("translationKey"), widget: "string", required: false,
                translated: false),
        ]
    }

    /// A declared field; nil for a mapping whose keys the model does not name (its `default`
    /// names them), which no widget can edit.
    func field(_ declared: ContentModel.Field) -> YAMLNode? {
        var options: [YAMLNode.Entry] = []
        func add(_ key: String, _ value: YAMLNode) { options.append(.init(key: key, value: value)) }
        let widget: String
        switch declared.type {
        case .text: widget = "string"
        case .url:
            widget = "string"
            if isSveltia { add("type", "url") }
        case .date:
            widget = "datetime"
            options = dateOptions
        case .datetime:
            widget = "datetime"
            options = datetimeOptions
        case .bool: widget = "boolean"
        case .int:
            widget = "number"
            add("value_type", "int")
        case .image: widget = "image"
        case .choice:
            widget = "select"
            add("options", .list(declared.values.map(YAMLNode.string)))
        case .reference:
            // The value is what the build resolves: the file's name in the section (`yokohama`).
            widget = "relation"
            add("collection", .string(declared.section ?? ""))
            add("value_field", "{{slug}}")
            add("search_fields", ["title"])
            add("display_fields", ["title"])
            add("multiple", true)
        case .list:
            widget = "list"
            if declared.role == .location {
                // [latitude, longitude]
                let degrees: YAMLNode = japanese ? "緯度／経度" : "latitude / longitude"
                add("field", .map(["name": "degrees", "label": degrees, "widget": "number", "value_type": "float"]))
                add("min", 2)
                add("max", 2)
            }
        case .mapping:
            guard case .object(let keys)? = declared.defaultValue, !keys.isEmpty else { return nil }
            widget = "object"
            let subfields = keys.keys.sorted().map { key in
                YAMLNode.map(["name": .string(key), "label": .string(key), "widget": "string", "required": false])
            }
            add("fields", .list(subfields))
        }
        if let value = declared.defaultValue.flatMap(Self.node), declared.type != .mapping {
            add("default", value)
        }
        return field(
            declared.name, label: declared.label ?? labels[declared.name] ?? declared.name, widget: widget,
            required: declared.required, translated: declared.isTranslated, options: options)
    }

    func field(
        _ name: String, label: String, widget: String, required: Bool, translated: Bool,
        options: KeyValuePairs<String, YAMLNode> = [:]
    ) -> YAMLNode {
        field(
            name, label: label, widget: widget, required: required, translated: translated,
            options: options.map { YAMLNode.Entry(key: $0.key, value: $0.value) })
    }

    func field(
        _ name: String, label: String, widget: String, required: Bool, translated: Bool, options: [YAMLNode.Entry]
    ) -> YAMLNode {
        let head: [YAMLNode.Entry] = [
            .init(key: "name", value: .string(name)), .init(key: "label", value: .string(label)),
            .init(key: "widget", value: .string(widget)), .init(key: "required", value: .bool(required)),
            .init(key: "i18n", value: i18n(translated: translated, widget: widget)),
        ]
        return .map(head + options)
    }

    /// `true` for a value per language, `duplicate` for one shared by all. Decap CMS's list
    /// and object widgets take only a boolean there (their schemas), so with Decap a shared
    /// list is edited per language.
    func i18n(translated: Bool, widget: String) -> YAMLNode {
        if translated || (!isSveltia && (widget == "list" || widget == "object")) { return true }
        return "duplicate"
    }

    /// A day: stored as `2025-01-15`, as the build reads it.
    var dateOptions: [YAMLNode.Entry] {
        [.init(key: "format", value: "YYYY-MM-DD"), .init(key: "time_format", value: false)]
    }

    /// A moment: stored with its offset (`2025-01-15T15:00:00+09:00`); Sveltia enters it in
    /// Japan time whatever the browser's zone, the time the site's dates are written in.
    var datetimeOptions: [YAMLNode.Entry] {
        var options: [YAMLNode.Entry] = [.init(key: "format", value: "YYYY-MM-DDTHH:mm:ssZ")]
        if isSveltia { options.append(.init(key: "input_timezone", value: "Asia/Tokyo")) }
        return options
    }

    /// A declared `default` as the editor's `default`.
    static func node(_ value: YAMLValue) -> YAMLNode? {
        switch value {
        case .null: return nil
        case .bool(let b): return .bool(b)
        case .int(let n): return .int(n)
        case .double(let d): return .double(d)
        case .string(let s): return .string(s)
        case .list(let items): return .list(items.compactMap(node))
        case .object(let object):
            return .map(
                object.keys.sorted().compactMap { key in node(object[key]!).map { .init(key: key, value: $0) } })
        }
    }

    /// The keys every page has, named in the default language.
    func commonLabel(_ key: String) -> String {
        let names: [String: (ja: String, en: String)] = [
            "title": ("タイトル", "Title"), "date": ("日付", "Date"), "summary": ("要約", "Summary"),
            "tags": ("タグ", "Tags"), "draft": ("下書き（公開しない）", "Draft (not published)"),
            "publishDate": ("公開日時（予約投稿）", "Publish at"), "expiryDate": ("掲載終了日時", "Unpublish at"),
            "slug": ("URL名（任意）", "URL name (optional)"), "aliases": ("旧アドレス", "Old addresses"),
            "translationKey": ("翻訳キー（任意）", "Translation key (optional)"), "body": ("本文", "Body"),
        ]
        guard let name = names[key] else { return key }
        return japanese ? name.ja : name.en
    }
}
