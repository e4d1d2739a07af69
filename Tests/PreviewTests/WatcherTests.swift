import Testing

@testable import Preview

@Suite struct WatcherTests {
    @Test func editorFilesAreIgnored() {
        for name in [".news.md.swp", "news.md~", "#news.md#", "4913", ".hidden", "news.md.swx"] {
            #expect(FileWatcher.isIgnored(name), "\(name)")
        }
        #expect(!FileWatcher.isIgnored("news.ja.md"))
    }
}
