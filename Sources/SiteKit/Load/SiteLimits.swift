/// Bounds on everything in a site's sources that can make the build grow without bound,
/// from the `limits:` block of site.yaml. Every default is far above what a real page needs;
/// a site that really needs more raises the one limit it hits.
///
/// ```yaml
/// limits:
///   markdownBytes: 8388608     # a very long report page
/// ```
struct SiteLimits: Sendable, Equatable {
    enum Name: String, Sendable, CaseIterable, CodingKey {
        case fileBytes, frontMatterBytes, yamlDepth, markdownBytes, markdownNesting, markdownImageBrackets
        case imageBytes, imagePixels, documentBytes
    }

    /// A content file as read from disk (front matter and Markdown together).
    var fileBytes = 4 << 20
    var frontMatterBytes = 64 << 10
    /// Mappings and lists inside one another, in front matter and site.yaml.
    var yamlDepth = 20
    var markdownBytes = 2 << 20
    /// Block quotes and list items inside one another on one line of Markdown.
    var markdownNesting = 32
    /// Image openers (`![`) times closing brackets (`]`) in one paragraph: libcmark 0.30.2's work
    /// grows with their product.
    var markdownImageBrackets = 10_000_000
    /// Read by the image and document features: the largest image file, image size in pixels
    /// (a small file can decode to gigabytes) and document (PDF) file.
    var imageBytes = 25 << 20
    var imagePixels = 50_000_000
    var documentBytes = 100 << 20

    init() {}

    /// What a limit may be raised to: a terabyte of bytes or pixels is no page, and twice the
    /// largest (the hint in `exceeded`) still fits in an Int.
    static let range = 1...(1 << 40)

    subscript(name: Name) -> Int {
        get { self[keyPath: Self.field(name)] }
        set { self[keyPath: Self.field(name)] = newValue }
    }

    private static func field(_ name: Name) -> WritableKeyPath<SiteLimits, Int> {
        switch name {
        case .fileBytes: \.fileBytes
        case .frontMatterBytes: \.frontMatterBytes
        case .yamlDepth: \.yamlDepth
        case .markdownBytes: \.markdownBytes
        case .markdownNesting: \.markdownNesting
        case .markdownImageBrackets: \.markdownImageBrackets
        case .imageBytes: \.imageBytes
        case .imagePixels: \.imagePixels
        case .documentBytes: \.documentBytes
        }
    }

    /// The message for input over a limit: what was found, the limit, and how to raise it.
    static func exceeded(_ name: Name, _ found: String, limit: Int) -> String {
        "\(found): the limit is \(limit) (limits.\(name.rawValue)); if this is intended, raise it in site.yaml: `limits: {\(name.rawValue): \(limit * 2)}`"
    }
}

/// `limits:` in site.yaml: each a whole number in `SiteLimits.range`, the rest at their defaults.
extension SiteLimits: Decodable {
    enum Bounds: CountBounds { static let range = SiteLimits.range }

    init(from decoder: any Decoder) throws {
        self.init()
        let written = try decoder.container(keyedBy: Name.self)
        for name in Name.allCases {
            if let count = try written.decodeIfPresent(Count<Bounds>.self, forKey: name) { self[name] = count.value }
        }
    }
}
