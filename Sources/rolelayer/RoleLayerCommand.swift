import ArgumentParser

/// The `rolelayer` command-line tool: import, validate, simulate and analyse role-level AI
/// adoption surveys.
@main
struct RoleLayerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rolelayer",
        abstract: "Measure how an organisation's leadership roles diverge on AI adoption.",
        subcommands: [
            DemoCommand.self,
            ValidateCommand.self,
            ImportCommand.self,
            InstrumentCommand.self,
            SimulateCommand.self,
            AnalyzeCommand.self,
            DiagnoseCommand.self,
            ReportCommand.self,
        ]
    )
}
