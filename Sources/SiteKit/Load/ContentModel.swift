/// What `sections:` in site.yaml declares about each section: its kind, its front matter
/// fields and their types, and how its lists are ordered. Validation, `new`, feeds, JSON-LD and
/// the template check all read it; no section is known to the Swift code by name.
///
/// ```yaml
/// sections:
///   events:
///     kind: sessions                  # articles | sessions | profiles | pages
///     fields:
///       startDate: {type: date, required: true}
///       presenters: {type: reference, section: members}
/// ```
struct ContentModel: Sendable {
    enum Kind: String, Sendable, CaseIterable {
        /// Dated items, newest first, in the feed; JSON-LD NewsArticle (news).
        case articles
        /// A dated series of sessions, in the feed; JSON-LD Event; `new` numbers them per 年度 (the cafe).
        case sessions
        /// Profiles without a date (member municipalities).
        case profiles
        /// Plain pages.
        case pages

        var isDated: Bool { self == .articles || self == .sessions }
    }

    enum FieldType: String, Sendable, CaseIterable {
        case text, date, datetime, bool, int, list, url, choice, reference, mapping
        /// A picture in Public/, by its URL (`/images/news/photo.jpg`): the page's social card.
        case image
    }

    /// What a field means to the engine beyond its type, so that no key name is special in Swift.
    enum FieldRole: String, Sendable, CaseIterable {
        /// The name in hiragana: `order: reading` sorts by it (五十音順) and groups by its kana row.
        case reading
        /// A whole number unique within each group of the section's list (per 年度 in the cafe);
        /// `new` writes the next free one.
        case sequence
        /// Where an event takes place (JSON-LD `Place`).
        case venue
        /// How people attend an event: the value `online` makes it a virtual one in JSON-LD.
        case attendance
        /// When an event begins (a date-time, or a date for an all-day event): a section with
        /// such a field holds events, listed upcoming first, with calendars (`.ics`).
        case start
        /// When an event ends.
        case end
        /// `true` when an event is held online.
        case online
        /// Where to register for an event.
        case registration
        /// Where a page's place is on the map: [latitude, longitude] (a member's office).
        case location
    }

    struct Field: Sendable {
        var name: String
        var type: FieldType
        var role: FieldRole?
        var required = false
        /// The allowed words of a `choice`.
        var values: [String] = []
        /// The section a `reference` names pages of.
        var section: String?
        /// What `new` writes; placeholders by type otherwise.
        var defaultValue: YAMLValue?
        /// Whether each language has its own value (`translate:` in site.yaml; by type when
        /// not written, see `isTranslated`).
        var translate: Bool?
        /// What the browser editor calls the field.
        var label: String?

        /// Text is written per language; dates, numbers, switches, choices, references, places
        /// on the map, readings (hiragana) and pictures are the same in every language unless
        /// the model says otherwise.
        var isTranslated: Bool {
            if let translate { return translate }
            switch type {
            case .text, .list, .url, .mapping: return role != .location && role != .reading
            case .date, .datetime, .bool, .int, .choice, .reference, .image: return false
            }
        }
    }

    struct SectionModel: Sendable {
        var name: String
        var kind: Kind
        var settings: SectionSettings
        var feed: Bool
        /// In the order site.yaml declares them (`new` writes them in this order).
        var fields: [Field]

        func field(_ name: String) -> Field? { fields.first { $0.name == name } }
        func field(role: FieldRole) -> Field? { fields.first { $0.role == role } }

        /// Its pages are events: they have a start, and lists show the upcoming ones first.
        var isEvents: Bool { field(role: .start) != nil }
    }

    /// Keys every page may have, whatever its section.
    static let commonKeys = [
        "title", "date", "slug", "draft", "translationKey", "summary", "tags", "lastmod", "aliases",
        "publishDate", "expiryDate", "toc",
    ]

    var sections: [String: SectionModel] = [:]
    /// The sections' names in the order site.yaml declares them (the browser editor's menu).
    var declaredOrder: [String] = []

    /// A section site.yaml does not declare: plain pages, listed by date.
    /// Whether site.yaml declares the section (it has a list even before it has pages).
    func declares(_ name: String) -> Bool { sections[name] != nil }

    func section(_ name: String) -> SectionModel {
        sections[name] ?? SectionModel(name: name, kind: .pages, settings: SectionSettings(), feed: false, fields: [])
    }

    var feedSections: Set<String> { Set(sections.values.filter(\.feed).map(\.name)) }

    /// Front matter key → section, for every field that refers to pages of another section.
    var references: [String: String] {
        var result: [String: String] = [:]
        for section in sections.values {
            for field in section.fields where field.type == .reference { result[field.name] = field.section }
        }
        return result
    }

    /// Read from the `sections:` node, which `ConfigSchema` has already checked.
    static func read(_ node: YAMLTree?) -> ContentModel {
        var model = ContentModel()
        guard case .mapping(let sections, _)? = node else { return model }
        for (key, entry) in sections {
            guard let name = key.string else { continue }
            var settings = SectionSettings()
            if let order = entry["order"]?.string.flatMap(SectionSettings.Order.init(rawValue:)) {
                settings.order = order
            }
            if let group = entry["group"]?.string.flatMap(SectionSettings.Grouping.init(rawValue:)) {
                settings.group = group
            }
            if settings.order == .reading && entry["group"] == nil { settings.group = .kanaRow }
            let kind = entry["kind"]?.string.flatMap(Kind.init(rawValue:)) ?? .pages
            let feed = entry["feed"].map { $0.value == .bool(true) } ?? kind.isDated
            var fields: [Field] = []
            if case .mapping(let declared, _)? = entry["fields"] {
                for (fieldKey, spec) in declared {
                    guard let fieldName = fieldKey.string,
                        let type = spec["type"]?.string.flatMap(FieldType.init(rawValue:))
                    else { continue }
                    var field = Field(name: fieldName, type: type)
                    field.role = spec["role"]?.string.flatMap(FieldRole.init(rawValue:))
                    field.required = spec["required"]?.value == .bool(true)
                    field.values = spec["values"]?.items?.compactMap(\.string) ?? []
                    field.section = spec["section"]?.string
                    field.defaultValue = spec["default"]?.value
                    if case .bool(let b)? = spec["translate"]?.value { field.translate = b }
                    field.label = spec["label"]?.string
                    fields.append(field)
                }
            }
            model.sections[name] = SectionModel(name: name, kind: kind, settings: settings, feed: feed, fields: fields)
            model.declaredOrder.append(name)
        }
        return model
    }

    private static let roleType = [
        "reading": "text", "sequence": "int", "venue": "text", "start": "datetime", "end": "datetime",
        "online": "bool", "registration": "url", "location": "list",
    ]

    /// How many fields of a section's entry claim each role.
    private static func roles(_ entry: YAMLTree) -> [FieldRole: Int] {
        guard case .mapping(let fields, _)? = entry["fields"] else { return [:] }
        var count: [FieldRole: Int] = [:]
        for (_, spec) in fields {
            if let role = spec["role"]?.string.flatMap(FieldRole.init(rawValue:)) { count[role, default: 0] += 1 }
        }
        return count
    }

    /// Problems in the model itself that the schema cannot see.
    static func problems(_ node: YAMLTree?, file: String) -> [Diagnostic] {
        guard case .mapping(let sections, _)? = node else { return [] }
        var problems: [Diagnostic] = []
        let names = Set(sections.compactMap { $0.key.string })
        for (sectionKey, entry) in sections {
            let roles = Self.roles(entry)
            if entry["order"]?.string == SectionSettings.Order.reading.rawValue && roles[.reading] == nil {
                let at = entry["order"]?.mark ?? sectionKey.mark
                problems.append(
                    .error(
                        file, at.line, at.column,
                        "`order: reading` needs a field with `role: reading` in `sections.\(sectionKey.string ?? "").fields`: the name in hiragana to sort by"
                    ))
            }
            guard case .mapping(let fields, _)? = entry["fields"] else { continue }
            for (key, spec) in fields {
                let at = spec.mark
                func fail(_ message: String) { problems.append(.error(file, at.line, at.column, message)) }
                let type = spec["type"]?.string
                if type == "reference" {
                    guard let target = spec["section"]?.string else {
                        fail(
                            "the reference field `\(key.string ?? "")` needs `section`: the section whose pages it names"
                        )
                        continue
                    }
                    if !names.contains(target) {
                        let hint = Suggest.closest(to: target, in: Array(names)).map { "; did you mean `\($0)`?" } ?? ""
                        fail(
                            "the reference field `\(key.string ?? "")` names the section `\(target)`, which site.yaml does not declare\(hint)"
                        )
                    }
                }
                if let role = spec["role"]?.string, let needed = Self.roleType[role], type != needed {
                    fail("a field with `role: \(role)` must have `type: \(needed)`")
                }
                if let role = spec["role"]?.string, roles[FieldRole(rawValue: role) ?? .reading] ?? 0 > 1 {
                    fail("only one field of a section may have `role: \(role)`")
                }
                if type == "choice" && (spec["values"]?.items?.isEmpty ?? true) {
                    fail("the choice field `\(key.string ?? "")` needs `values`: the words it may take")
                }
                if let name = key.string, commonKeys.contains(name) && name != "date" {
                    fail("`\(name)` is a key every page has: it is not declared per section")
                }
            }
        }
        return problems
    }
}
