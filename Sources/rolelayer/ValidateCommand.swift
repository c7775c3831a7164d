import ArgumentParser

/// `rolelayer validate` (being built).
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "validate", abstract: "(being built)")
    func run() async throws { throw ExitCode(2) }
}
