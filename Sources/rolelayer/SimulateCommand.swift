import ArgumentParser

/// `rolelayer simulate` (being built).
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "simulate", abstract: "(being built)")
    func run() async throws { throw ExitCode(2) }
}
