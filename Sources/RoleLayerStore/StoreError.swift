/// Why the response store could not do what was asked.
///
/// The one public error of RoleLayerStore (style.md, point 2): every SQLite or GRDB failure is
/// wrapped here with the store's path and a one-sentence reason. The CLI maps it to exit status 2.
public struct StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The store file as given to ``ResponseStore/init(path:)``.
    public var path: String
    /// What went wrong, a short sentence in lower case (for example
    /// `"the store was written by a newer RoleLayer (unknown migration v9)"`).
    public var reason: String

    /// Creates an error for the store at `path`.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// `store PATH: REASON`.
    public var description: String { "store \(path): \(reason)" }
}
