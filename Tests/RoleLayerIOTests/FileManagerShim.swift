import Foundation

/// Small file helpers for tests.
enum FileManagerShim {
    /// A path in the temporary directory unique to this process.
    static func temporaryPath(_ name: String) -> String {
        NSTemporaryDirectory() + "rolelayer-io-\(ProcessInfo.processInfo.processIdentifier)-" + name
    }
    static func write(_ text: String, to path: String) {
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    }
    static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }
}
