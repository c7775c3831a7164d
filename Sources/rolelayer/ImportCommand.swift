import ArgumentParser

/// `rolelayer import` (being built).
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "(being built)")
    func run() async throws { throw ExitCode(2) }
}
