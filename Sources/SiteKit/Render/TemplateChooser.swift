import Mustache

/// Which template lays out which page: the section's own, else the site-wide one.
struct TemplateChooser: Sendable {
    let library: TemplateLibrary

    func template(for kind: Page.Kind, section: String) -> String? {
        let candidates: [String]
        switch kind {
        case .home: candidates = ["home", "list"]
        case .standalone: candidates = ["page", "single"]
        case .sectionIndex: candidates = [section + "/list", "list"]
        case .single: candidates = [section + "/single", "single"]
        }
        return candidates.first { library.contains($0) }
    }
}
