import ArgumentParser
import Foundation

extension RoleLayerCommand {
    /// Entry point: as ArgumentParser's, except that usage errors exit with status 2
    /// (data.md, "Exit status"), not the platform's EX_USAGE (64).
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                let err = StandardError()
                err.line(fullMessage(for: error))
                err.flush()
                Foundation.exit(ExitStatus.usage.rawValue)
            }
            exit(withError: error)
        }
    }
}
