import Foundation

/// Where `import` keeps its SQLite store: `--db PATH`, else the environment variable
/// `ROLELAYER_DB`, else `./rolelayer.sqlite` in the working directory.
enum StoreLocation {
    /// The default store file name, in the working directory.
    static let defaultPath = "rolelayer.sqlite"
    /// The environment variable that overrides the default.
    static let environmentVariable = "ROLELAYER_DB"

    /// The store path for an optional `--db` value.
    static func resolve(_ option: String?) -> String {
        if let option, !option.isEmpty { return option }
        if let env = ProcessInfo.processInfo.environment[environmentVariable], !env.isEmpty { return env }
        return defaultPath
    }
}
