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

    /// Keys every page may have, whatever its section (`CommonFrontMatter`).
    static let commonKeys = CommonFrontMatter.keys

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

    /// A section as site.yaml declares it.
    struct SectionEntry: Decodable, Sendable {
        var kind: Kind?
        var order: Located<SectionSettings.Order>?
        var group: SectionSettings.Grouping?
        var feed: Bool?
        var fields: Table<FieldEntry>?
        enum CodingKeys: String, CodingKey, CaseIterable { case kind, order, group, feed, fields }
    }

    /// A front matter field as site.yaml declares it.
    struct FieldEntry: Decodable, Sendable {
        var type: FieldType
        var required: Bool?
        var role: FieldRole?
        /// The words of a `choice`.
        var values: [String]?
        /// The section a `reference` names pages of.
        var section: String?
        var defaultValue: YAMLValue?
        /// `false` for a value every language shares (a date, a place): the browser editor
        /// copies it into each language's file.
        var translate: Bool?
        /// What the browser editor calls the field (its name otherwise).
        var label: String?
        enum CodingKeys: String, CodingKey, CaseIterable {
            case type, required, role, values, section
            case defaultValue = "default"
            case translate, label
        }
    }

    init() {}

    /// The model `sections:` declares, in the order written.
    init(_ declared: Table<SectionEntry>?) {
        for (name, entry, _) in declared?.entries ?? [] {
            var settings = SectionSettings()
            if let order = entry.order?.value { settings.order = order }
            if let group = entry.group { settings.group = group }
            if settings.order == .reading && entry.group == nil { settings.group = .kanaRow }
            let kind = entry.kind ?? .pages
            let fields = (entry.fields?.entries ?? []).map { name, spec, _ in
                Field(
                    name: name, type: spec.type, role: spec.role, required: spec.required ?? false,
                    values: spec.values ?? [], section: spec.section, defaultValue: spec.defaultValue,
                    translate: spec.translate, label: spec.label)
            }
            sections[name] = SectionModel(
                name: name, kind: kind, settings: settings, feed: entry.feed ?? kind.isDated, fields: fields)
            declaredOrder.append(name)
        }
    }

    private static let roleType: [FieldRole: FieldType] = [
        .reading: .text, .sequence: .int, .venue: .text, .start: .datetime, .end: .datetime,
        .online: .bool, .registration: .url, .location: .list,
    ]

    /// Problems in the model itself that its shape cannot show.
    static func problems(_ declared: Table<SectionEntry>?, file: String) -> [Diagnostic] {
        let sections = declared?.entries ?? []
        var problems: [Diagnostic] = []
        let names = sections.map(\.name)
        for (sectionName, entry, _) in sections {
            let fields = entry.fields?.entries ?? []
            var roles: [FieldRole: Int] = [:]
            for field in fields { if let role = field.value.role { roles[role, default: 0] += 1 } }
            if let order = entry.order, order.value == .reading, roles[.reading] == nil {
                problems.append(
                    .error(
                        file, order.position.line, order.position.column,
                        "`order: reading` needs a field with `role: reading` in `sections.\(sectionName).fields`: the name in hiragana to sort by"
                    ))
            }
            for (name, spec, at) in fields {
                func fail(_ message: String) { problems.append(.error(file, at.line, at.column, message)) }
                if spec.type == .reference {
                    guard let target = spec.section else {
                        fail("the reference field `\(name)` needs `section`: the section whose pages it names")
                        continue
                    }
                    if !names.contains(target) {
                        let hint = Suggest.closest(to: target, in: names).map { "; did you mean `\($0)`?" } ?? ""
                        fail(
                            "the reference field `\(name)` names the section `\(target)`, which site.yaml does not declare\(hint)"
                        )
                    }
                }
                if let role = spec.role, let needed = roleType[role], spec.type != needed {
                    fail("a field with `role: \(role.rawValue)` must have `type: \(needed.rawValue)`")
                }
                if let role = spec.role, roles[role] ?? 0 > 1 {
                    fail("only one field of a section may have `role: \(role.rawValue)`")
                }
                if spec.type == .choice && (spec.values ?? []).isEmpty {
                    fail("the choice field `\(name)` needs `values`: the words it may take")
                }
                if commonKeys.contains(name) && name != "date" {
                    fail("`\(name)` is a key every page has: it is not declared per section")
                }
            }
        }
        return problems
    }
}

extension ContentModel.Kind: ConfigChoice {}
extension ContentModel.FieldType: ConfigChoice {}
extension ContentModel.FieldRole: ConfigChoice {}
extension SectionSettings.Order: ConfigChoice {}
extension SectionSettings.Grouping: ConfigChoice {}
