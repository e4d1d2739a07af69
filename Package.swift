// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "iclei-site",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "iclei-site", targets: ["iclei-site"]),
        .library(name: "SiteKit", targets: ["SiteKit"]),
        .library(name: "Mustache", targets: ["Mustache"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        .systemLibrary(name: "CSystem"),
        .target(name: "Mustache"),
        .target(
            name: "SiteKit",
            dependencies: ["CCmark", "CSystem", "Mustache", "Yams"]
        ),
        .executableTarget(
            name: "iclei-site",
            dependencies: ["SiteKit", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(name: "mustache-bench", dependencies: ["Mustache"]),
        .executableTarget(name: "iclei-fuzz", dependencies: ["SiteKit"]),
        .executableTarget(name: "rebuild-bench", dependencies: ["SiteKit"]),
        .testTarget(name: "SiteKitTests", dependencies: ["SiteKit", "Mustache", "CCmark"], exclude: ["Fixtures"]),
        .testTarget(name: "MustacheTests", dependencies: ["Mustache"]),
    ]
)
