import ArgumentParser
import Foundation
import RoleLayerCore
import RoleLayerIO
import RoleLayerStore

/// The exit statuses of `validate` and `import` (data.md, "Exit status").
enum ExitStatus: Int32, Comparable {
    /// Every data row was accepted (and, for `import`, stored or found unchanged).
    case success = 0
    /// Some row was rejected or not stored, or a file had no data rows.
    case rejected = 1
    /// A usage error or unreadable input (missing file, not a file, permission, unusable store
    /// or instrument file).
    case usage = 2

    static func < (a: ExitStatus, b: ExitStatus) -> Bool { a.rawValue < b.rawValue }
}

/// A failure the CLI reports as one message on standard error and an exit status.
///
/// The one place that maps RoleLayer errors to CLI messages and exit statuses (style.md,
/// point 3): ``init(_:)`` knows every error type the commands can meet.
struct CLIError: Error, CustomStringConvertible {
    /// The message, without the `rolelayer: ` prefix.
    var message: String
    /// The exit status.
    var status: ExitStatus

    init(message: String, status: ExitStatus) {
        self.message = message
        self.status = status
    }

    /// Maps any error to its message and status.
    init(_ error: any Error) {
        switch error {
        case let e as CLIError:
            self = e
        case let e as InputError:
            self.init(message: "cannot read \(e.path): \(e.reason)", status: .usage)
        case let e as StoreError:
            self.init(message: "cannot use \(e.description)", status: .usage)
        case let e as InstrumentError:
            self.init(message: e.description, status: .usage)
        case let e as CocoaError:
            // File-system errors on --out: the path and the reason, not Foundation's dump.
            let path = (e.userInfo[NSFilePathErrorKey] as? String) ?? (e.userInfo[NSURLErrorKey] as? URL)?.path ?? "output"
            let reason: String
            switch e.code {
            case .fileWriteFileExists: reason = "a file of that name already exists (csv output needs a directory)"
            case .fileWriteNoPermission, .fileReadNoPermission: reason = "permission denied"
            case .fileNoSuchFile, .fileReadNoSuchFile: reason = "no such file or directory"
            default: reason = "cannot write there (is it a directory, or is its folder missing?)"
            }
            self.init(message: "cannot write \(path): \(reason)", status: .usage)
        case let e as AnalysisError:
            // An unknown wave or organisation (`diagnose`).
            self.init(message: e.reason, status: .usage)
        default:
            // Instrument files (YAML syntax and validation errors) and anything unforeseen: the
            // error's own rendering; never a crash.
            self.init(message: String(describing: error), status: .usage)
        }
    }

    var description: String { message }
}

// MARK: - Running a command

/// Runs a command body and turns its outcome into the process's exit status.
enum CommandRunner {
    /// Runs `body`; a thrown error is printed as `rolelayer: MESSAGE` on standard error. Exits
    /// (by throwing ArgumentParser's `ExitCode`) unless the status is ``ExitStatus/success``.
    static func run(_ body: (StandardError) throws -> ExitStatus) throws {
        let err = StandardError()
        let status: ExitStatus
        do {
            status = try body(err)
        } catch {
            let failure = CLIError(error)
            err.clearProgress()
            err.line("rolelayer: " + failure.message)
            status = failure.status
        }
        err.flush()
        if status != .success { throw ExitCode(status.rawValue) }
    }
}
