/// A service whose links may become a player or map on the page (`embeds:` in site.yaml, read by
/// load; the parse stage's `Embeds` knows each one's link and embed forms).
enum EmbedService: String, Sendable, CaseIterable, Hashable {
    case youtube, googlemaps, openstreetmap, speakerdeck, slideshare
}
