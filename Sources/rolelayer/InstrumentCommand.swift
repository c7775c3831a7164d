import ArgumentParser

/// `rolelayer instrument` (being built).
struct InstrumentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "instrument", abstract: "(being built)")
    func run() async throws { throw ExitCode(2) }
}
