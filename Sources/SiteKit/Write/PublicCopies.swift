extension WriteStage {
    /// Public/ copied byte for byte, each file read when it is written; its hash is of its
    /// signature (size, inode, times), so an unchanged file is not read again.
    /// Photos (JPEG, PNG, WebP) lose their metadata on the way, unless the site keeps it
    /// (`images: {keepMetadata: true}`): a GPS position is one predictable URL away otherwise.
    /// A stylesheet or script is also copied under its fingerprinted name (`Assets`).
    static func copies(of publicFiles: [String], in publicFolder: String, assets: Assets, stripping: Bool)
        -> [PendingFile]
    {
        publicFiles.flatMap { relative -> [PendingFile] in
            let source = publicFolder + "/" + relative
            guard let signature = FileSignature(path: source) else { return [] }
            var file = PendingFile(path: relative, hash: signature.key, source: source)
            if stripping, PhotoMetadata.isPhoto(relative) {
                file.hash = signature.key &* 31 &+ PhotoMetadata.version
                file.transform = PhotoMetadata.stripped
            }
            guard let asset = assets[relative] else { return [file] }
            return [file, PendingFile(path: asset.fingerprinted, hash: signature.key, source: source)]
        }
    }
}
