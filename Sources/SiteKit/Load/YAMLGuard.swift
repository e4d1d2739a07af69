/// Walks libyaml's event stream, without building any value, to refuse what could make a small
/// YAML text expensive to read: anchors and aliases, and nesting deeper than the limit.
///
/// Yams shares an aliased node instead of copying it, but hashing a mapping key, comparing keys
/// and turning nodes into template values all expand it: twelve lines of nested aliases
/// (a "billion laughs") expand to hundreds of millions of values. Bounding the expanded size
/// would mean expanding it, or counting with memoisation over every later use; front matter and
/// site.yaml are short hand-written files where a copied value reads better than an alias, so
/// aliases are refused outright. Anchors go with them: an anchor is only ever there for an alias.
enum YAMLGuard {
    /// nil when the text is safe to hand to Yams (it may still be invalid YAML: Yams then
    /// reports the error in its own words).
    static func check(_ text: String, file: String, lineOffset: Int, maxDepth: Int) -> Diagnostic? {
        if case .failure(.refused(let refused)) = YAMLTree.parse(
            text, file: file, lineOffset: lineOffset, maxDepth: maxDepth)
        {
            return refused
        }
        return nil
    }
}
