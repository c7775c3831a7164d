import ArgumentParser
import Foundation
import RoleLayerCore
import RoleLayerReport

/// `rolelayer report`: the analysis as one self-contained HTML page.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the analysis as a self-contained HTML report.",
        discussion: """
            Runs the same analysis as `analyze` and writes one HTML file with inline CSS and SVG \
            charts (it opens offline and makes no network request): an overview, the Role Shift \
            Index, the adoption gradient, blockers, the alignment map, lead-lag, influence, the \
            consensus horizon and the methods. The per-wave sections show the latest wave in range.
            """)

    @OptionGroup var options: AnalysisOptions

    @Option(name: .long, help: ArgumentHelp("The HTML file to write.", valueName: "path"))
    var out: String = "report.html"

    @Option(name: .long, help: ArgumentHelp("The study's name in the report's title.", valueName: "name"))
    var title: String = "RoleLayer cohort"

    func run() async throws {
        try CommandRunner.run { err in
            let instrument = try options.instrument()
            let request = try options.request(settings: instrument.settings)
            let table = try options.loadTable(instrument: instrument, err: err)
            err.progress("analysing \(table.count) responses…")
            let result = Analysis.run(table: table, request: request)
            err.clearProgress()
            try ResultOutput.check(result, err: err)
            try ReportOutput.write(result, title: title, to: out)
            print("report: \(out)")
            return .success
        }
    }
}

/// Writing the HTML report; shared by `report` and `demo`.
enum ReportOutput {
    /// Renders `result` and writes it to `path`.
    ///
    /// - Throws: ``CLIError`` when the selection has no wave; file-system errors.
    static func write(_ result: AnalysisResult, title: String, to path: String) throws {
        guard let html = HTMLReport.render(result: result, cohortName: title) else {
            throw CLIError(message: "no wave in range to report on", status: .usage)
        }
        try Data(html.utf8).write(to: URL(fileURLWithPath: path))
    }
}
