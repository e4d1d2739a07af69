/// What site.yaml may hold: every key known, every value of the expected kind. Checked on the
/// YAML node tree, so that each problem points at its own line and column.
indirect enum ConfigShape: Sendable {
    /// Any scalar, written as text.
    case text
    case bool
    /// A whole number in this range: numbers near Int.max overflow whatever counts with them.
    case count(ClosedRange<Int>)
    /// One of these words.
    case choice([String])
    case list(ConfigShape)
    /// Known keys (`required` must be present); other keys are errors unless `other` gives
    /// the shape every other key's value must have (a table keyed by names: sections, references).
    case object([String: ConfigShape], required: Set<String> = [], other: ConfigShape? = nil)
    /// Free-form values for templates (`params`, a language's `contact`).
    case anything
}

enum ConfigSchema {
    static let site: ConfigShape = .object(
        [
            "baseURL": .text,
            "defaultLanguage": .text,
            "missingTranslations": .choice(["notice", "omit"]),
            "paginate": .count(1...10_000),
            "markdown": .object(["unsafeHTML": .bool]),
            "sections": .object(
                [:],
                other: .object([
                    "kind": .choice(ContentModel.Kind.allCases.map(\.rawValue)),
                    "order": .choice(SectionSettings.Order.allCases.map(\.rawValue)),
                    "group": .choice(SectionSettings.Grouping.allCases.map(\.rawValue)),
                    "feed": .bool,
                    "fields": .object(
                        [:],
                        other: .object(
                            [
                                "type": .choice(ContentModel.FieldType.allCases.map(\.rawValue)),
                                "required": .bool,
                                "role": .choice(ContentModel.FieldRole.allCases.map(\.rawValue)),
                                "values": .list(.text),
                                "section": .text,
                                "default": .anything,
                                // `false` for a value every language shares (a date, a place):
                                // the browser editor copies it into each language's file.
                                "translate": .bool,
                                // What the browser editor calls the field (its name otherwise).
                                "label": .text,
                            ], required: ["type"])),
                ])),
            "optionalKeys": .list(.text),
            // The site's social card: an image in Public/, for pages without their own.
            "image": .text,
            // A tag's name in each language (`- {ja: 気候変動, en: climate change}`), so that the
            // language switcher of a tag page finds its translation.
            "tagTranslations": .list(.object([:], other: .text)),
            "references": .object([:], other: .text),
            "languages": .list(
                .object(
                    [
                        "code": .text, "name": .text, "locale": .text, "title": .text, "description": .text,
                        "menu": .list(.object(["name": .text, "path": .text], required: ["name", "path"])),
                        "contact": .anything,
                        // The e-News: its name and where to sign up (`site.newsletter` in templates).
                        "newsletter": .object(["name": .text, "signup": .text]),
                        "params": .anything,
                    ], required: ["code"])),
            // The map of Japan with the members: outlines under Content/, and the section whose
            // pages are marked on it by their `role: location` field.
            "map": .object(["outlines": .text, "section": .text], required: ["outlines", "section"]),
            // Photos in Public/ are published without their metadata (GPS, camera, author)
            // unless `keepMetadata: true`.
            "images": .object(["keepMetadata": .bool]),
            "checks": .object(
                Dictionary(
                    uniqueKeysWithValues: (["missingFiles"] + AccessibilityRule.allCases.map(\.rawValue)).map {
                        ($0, ConfigShape.choice(["error", "warning", "ignore"]))
                    })),
            // The accessibility page (`AccessibilityPage`): the level aimed at, what it covers
            // (per language), the date of the last test by a person and whether it found every
            // criterion met.
            "accessibility": .object([
                "level": .choice(["A", "AA"]), "scope": .object([:], other: .text), "tested": .text,
                "conforms": .bool,
            ]),
            "limits": .object(
                Dictionary(
                    uniqueKeysWithValues: SiteLimits.Name.allCases.map {
                        ($0.rawValue, ConfigShape.count(SiteLimits.range))
                    }
                )),
            "params": .anything,
            // Editing in the browser (`CMSSettings`).
            "cms": CMSSettings.shape,
        ], required: ["languages"])

    /// Every place where `node` does not fit `shape`.
    static func problems(_ node: YAMLTree, _ shape: ConfigShape, file: String, path: String = "") -> [Diagnostic] {
        func error(_ at: YAMLTree, _ message: String) -> Diagnostic {
            .error(file, at.mark.line, at.mark.column, message)
        }
        let named = path.isEmpty ? "site.yaml" : "`\(path)`"
        switch shape {
        case .anything:
            return []
        case .text:
            guard case .scalar = node, node.value != .null else {
                return [error(node, "\(named) must be text")]
            }
            return []
        case .bool:
            guard case .bool = node.value else { return [error(node, "\(named) must be true or false")] }
            return []
        case .count(let range):
            guard case .int(let n) = node.value, range.contains(n) else {
                return [
                    error(
                        node,
                        "\(named) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
                ]
            }
            return []
        case .choice(let words):
            guard let written = node.string, words.contains(written) else {
                let written = node.string ?? "a list or mapping"
                let hint =
                    node.string.flatMap { Suggest.closest(to: $0, in: words) }.map { "; did you mean `\($0)`?" } ?? ""
                return [
                    error(
                        node,
                        "\(named) must be one of \(words.map { "`\($0)`" }.joined(separator: ", ")), not `\(written)`\(hint)"
                    )
                ]
            }
            return []
        case .list(let item):
            guard case .sequence(let sequence, _) = node else { return [error(node, "\(named) must be a list")] }
            return sequence.enumerated().flatMap { n, element in
                problems(element, item, file: file, path: "\(path)[\(n)]")
            }
        case .object(let keys, let required, let other):
            guard case .mapping(let mapping, _) = node else {
                return [error(node, "\(named) must be a mapping of keys to values")]
            }
            var result: [Diagnostic] = []
            var present: Set<String> = []
            for (key, value) in mapping {
                guard let name = key.string else {
                    result.append(error(key, "keys in \(named) must be text"))
                    continue
                }
                present.insert(name)
                let childPath = path.isEmpty ? name : "\(path).\(name)"
                if let known = keys[name] {
                    result += problems(value, known, file: file, path: childPath)
                } else if let other {
                    result += problems(value, other, file: file, path: childPath)
                } else {
                    let hint =
                        Suggest.closest(to: name, in: Array(keys.keys)).map { "did you mean `\($0)`?" }
                        ?? "known keys: \(keys.keys.sorted().map { "`\($0)`" }.joined(separator: ", "))"
                    result.append(error(key, "unknown key `\(name)` in \(named): \(hint)"))
                }
            }
            for name in required.subtracting(present).sorted() {
                result.append(error(node, "\(named) needs `\(name)`"))
            }
            return result
        }
    }
}
