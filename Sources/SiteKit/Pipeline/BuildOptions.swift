import Foundation

extension SiteBuilder {
    public struct Options: Sendable {
        public var source: URL
        public var output: URL
        public var baseURL: String?
        public var includeDrafts: Bool
        public var configFile: URL?
        public var templates: URL?
        /// Where the build cache lives (`.iclei-cache/` beside Content/); nil keeps no cache.
        public var cacheFolder: URL?
        /// Ignore the cache and write the whole site anew.
        public var clean = false
        /// HTML put before `</body>` of every page: the preview server's reload script.
        /// Never set by `build`.
        public var htmlInjection: String?
        /// Leave the output a full build replaced in `PreviousBuild` until
        /// `removeReplacedOutputs()`, so a caller can act on the new site first.
        public var deferRemovingOldOutput = false
        /// Keep the pages' Markdown text after the checks, for the next build in this process
        /// (the preview server). A one-shot build (`iclei-site build`) frees it.
        public var keepSourcesInMemory = true
        /// The moment to build the site for, in seconds since 1970 (`--now`); nil is the
        /// `ICLEI_NOW` environment variable if set, else the clock when the build starts.
        public var now: Int?
        /// Build pages whose `publishDate` is still to come.
        public var includeFuture = false
        /// Build pages whose `expiryDate` has passed.
        public var includeExpired = false

        public init(
            source: URL, output: URL? = nil, baseURL: String? = nil, includeDrafts: Bool = false,
            configFile: URL? = nil, templates: URL? = nil
        ) {
            self.configFile = configFile
            self.templates = templates
            self.source = source.standardizedFileURL
            self.output = (output ?? source.appendingPathComponent("Output")).standardizedFileURL
            self.baseURL = baseURL
            self.includeDrafts = includeDrafts
            self.cacheFolder = source.standardizedFileURL.appendingPathComponent(".iclei-cache")
        }
    }
}
