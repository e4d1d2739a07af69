// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "iclei-site",
    // Linux only: the engine calls Glibc directly (renameat2, fstatat, inotify).
    products: [
        .executable(name: "iclei-site", targets: ["iclei-site"]),
        .library(name: "SiteKit", targets: ["SiteKit"]),
        .library(name: "Mustache", targets: ["Mustache"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        .systemLibrary(name: "CLinux"),
        // tcmalloc in place of glibc's malloc, for the programs only (the engine's code does not
        // depend on it): a 10k-page build spends a tenth less CPU (PERFORMANCE.md, "Allocator").
        .systemLibrary(
            name: "CTCMalloc",
            pkgConfig: "libtcmalloc_minimal",
            providers: [.apt(["libgoogle-perftools-dev"])]
        ),
        .target(name: "Allocator", dependencies: ["CTCMalloc"]),
        // OpenSSL's libcrypto, for SHA-384 only: the fingerprinted asset names and their
        // Subresource Integrity hashes.
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        // libxml2 reads WordPress exports (XML) and the HTML of their posts, which is rarely
        // well-formed: its HTML parser recovers as browsers do.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // The importer writes Markdown as the engine reads it (SiteKit's EmphasisRules).
        .target(name: "WordPressImport", dependencies: ["CLibXML2", "Yams", "SiteKit"]),
        // libvips, opened with dlopen on first use (PERFORMANCE.md: linking it costs every start).
        .target(name: "VipsLoader", linkerSettings: [.linkedLibrary("dl")]),
        .target(name: "CmarkArena", dependencies: ["CCmark"]),
        .target(name: "Mustache"),
        .target(
            name: "SiteKit",
            dependencies: [
                "CCmark", "CmarkArena", "CLinux", "CLibXML2", "COpenSSL", "Mustache", "Yams", "VipsLoader",
            ],
            // Source as source: the search page's script and the built-in templates are files of
            // their own, embedded in the library as bytes when it is built.
            resources: [
                .embedInCode("Index/search.js"),
                .embedInCode("Render/BuiltIn/feed.xml.mustache"),
                .embedInCode("Render/BuiltIn/sitemap.xml.mustache"),
                .embedInCode("Render/BuiltIn/robots.txt.mustache"),
                .embedInCode("Render/BuiltIn/root.html.mustache"),
                .embedInCode("Render/BuiltIn/query-redirect.mustache"),
                .embedInCode("Render/BuiltIn/redirect.mustache"),
                .embedInCode("Render/BuiltIn/search.mustache"),
                .embedInCode("Render/BuiltIn/search-ui.mustache"),
                .embedInCode("Render/BuiltIn/admin.html.mustache"),
                .embedInCode("Render/BuiltIn/accessibility.mustache"),
                .embedInCode("Render/BuiltIn/accessibility-body.mustache"),
            ]
        ),
        // The preview server lives apart so that the engine carries no server code.
        .target(
            name: "Preview",
            dependencies: [
                "SiteKit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // `check --links`: the external link checker lives apart too, so that the engine carries
        // no network code (NIO is already here through Hummingbird).
        .target(
            name: "LinkCheck",
            dependencies: [
                "SiteKit",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .executableTarget(
            name: "iclei-site",
            dependencies: [
                "SiteKit", "Preview", "WordPressImport", "Allocator", "LinkCheck",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // A position-dependent executable, as Debian's hugo and the Swift toolchain's own
            // binaries are: the loader then rewrites no pointers at start-up (PERFORMANCE.md).
            linkerSettings: [.unsafeFlags(["-Xclang-linker", "-no-pie"], .when(platforms: [.linux]))]
        ),
        .executableTarget(name: "mustache-bench", dependencies: ["Mustache"]),
        // The benchmarks measure the allocator the CLI ships with.
        .executableTarget(name: "rebuild-bench", dependencies: ["SiteKit", "Allocator"]),
        .executableTarget(name: "serve-bench", dependencies: ["Preview", "Allocator"]),
        .testTarget(
            name: "SiteKitTests", dependencies: ["SiteKit", "Mustache", "CCmark", "Allocator"], exclude: ["Fixtures"]),
        .testTarget(name: "MustacheTests", dependencies: ["Mustache"], exclude: ["Spec"]),
        .testTarget(name: "PreviewTests", dependencies: ["Preview", "SiteKit"]),
        .testTarget(
            name: "LinkCheckTests",
            dependencies: [
                "LinkCheck", "SiteKit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        .testTarget(name: "ImportTests", dependencies: ["WordPressImport", "SiteKit"], exclude: ["Fixtures"]),
    ]
)
