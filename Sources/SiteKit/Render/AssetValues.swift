import Mustache

/// What templates see of the fingerprinted stylesheets and scripts (`Assets`): `assets` holds,
/// under each file's path in `Public/`, its fingerprinted `url` and its `integrity`. Mustache
/// reads a dot in a name as a step into a value, so the dots of the path are steps too:
/// `{{assets.css/site.css.url}}` is `css/site`, then `css`, then `url`. A section over the file
/// gives both, and a template naming a file that does not exist is warned about by `check` as
/// any unknown name is:
///
///     {{#assets.css/site.css}}<link rel="stylesheet" href="{{url}}" integrity="{{integrity}}">{{/assets.css/site.css}}
enum AssetValues {
    static func value(_ assets: Assets, basePath: String) -> MustacheValue {
        var root: [String: MustacheValue] = [:]
        for path in assets.byPath.keys.sorted() {
            guard let asset = assets[path] else { continue }
            let leaf: [String: MustacheValue] = [
                "url": .string(basePath + asset.fingerprinted), "integrity": .string(asset.integrity),
            ]
            insert(leaf, at: parts(path)[...], into: &root)
        }
        return .object(root)
    }

    /// The steps of a path as the template engine splits a name.
    static func parts(_ path: String) -> [String] {
        path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    }

    private static func insert(
        _ leaf: [String: MustacheValue], at parts: ArraySlice<String>, into object: inout [String: MustacheValue]
    ) {
        guard let first = parts.first else { return }
        var inner: [String: MustacheValue] = [:]
        if case .object(let existing)? = object[first] { inner = existing }
        if parts.count == 1 {
            inner.merge(leaf) { _, new in new }
        } else {
            insert(leaf, at: parts.dropFirst(), into: &inner)
        }
        object[first] = .object(inner)
    }
}

extension MustacheValue {
    /// The value under an asset's path (`css/site.css`), as a template would find it.
    func value(at path: String) -> MustacheValue? {
        AssetValues.parts(path).reduce(Optional(self)) { value, part in value?[part] }
    }
}
