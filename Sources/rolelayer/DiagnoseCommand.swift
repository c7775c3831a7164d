import ArgumentParser
import Foundation
import RoleLayerCore
import RoleLayerIO
import RoleLayerReport

/// `rolelayer diagnose --org ID --wave W`: the organisation diagnostic (constructs.md §8), one
/// organisation in one wave against its cohort. Its output identifies roles and says so first.
struct DiagnoseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diagnose",
        abstract: "The diagnostic of one organisation in one wave (identifies roles).",
        discussion: """
            Sets one organisation's roles against the cohort of the wave (filtered by --segment): \
            each role's position and its percentile among the cohort's respondents of that role, \
            the organisation's within-organisation gradient and leadership alignment as cohort \
            percentiles, its alignment by role pair beside the cohort map, roles running ahead, \
            unacknowledged risks, and local capability masquerading as collective preparedness. \
            THE OUTPUT IDENTIFIES ROLES: it is meant for that organisation's leadership team only, \
            and says so at its top. It never contains a respondent id or a comment. Exit status 2 \
            when the wave is not in the study or the organisation has no respondent in it.
            """)

    /// Output formats: JSON, a text summary, or a self-contained HTML page marked as identifying roles.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, text, html
    }

    @OptionGroup var options: AnalysisOptions

    @Option(name: .customLong("org"), help: ArgumentHelp("The organisation, as its organisation_id.", valueName: "id"))
    var organisation: String

    @Option(name: .long, help: ArgumentHelp("The wave (e.g. 2026-Q1).", valueName: "wave"))
    var wave: String

    @Option(name: .long, help: "Output format: json, text or html.")
    var format: Format = .text

    @Option(name: .long, help: ArgumentHelp("Output file; standard output when omitted.", valueName: "path"))
    var out: String?

    func validate() throws {
        if options.waves != nil { throw ValidationError("diagnose takes one --wave, not --waves.") }
    }

    func run() async throws {
        try CommandRunner.run { err in
            guard let wave = Wave(parsing: wave.trimmingASCIIWhitespace()) else {
                throw CLIError(message: "--wave: '\(self.wave)' is not a wave (2026-Q1, 2026-03 or 2026)", status: .usage)
            }
            let instrument = try options.instrument()
            let request = try options.request(settings: instrument.settings)
            let table = try options.loadTable(instrument: instrument, err: err)
            err.progress("diagnosing \(organisation) in \(wave)…")
            let result = try Analysis.diagnose(table: table, organisation: organisation, wave: wave, request: request)
            err.clearProgress()
            try ResultOutput.emit(try DiagnosticOutput.render(result, format: format, instrument: instrument,
                                                              settings: request.settings), to: out)
            return .success
        }
    }
}

/// Rendering an organisation diagnostic; every format states first that it identifies roles.
enum DiagnosticOutput {
    /// The bytes of `result` in `format`; the HTML page is RoleLayerReport's diagnostic page,
    /// which marks itself as identifying roles.
    static func render(_ result: OrganisationDiagnosticResult, format: DiagnoseCommand.Format,
                       instrument: Instrument, settings: AnalysisSettings) throws -> Data {
        switch format {
        case .json: return try json(result)
        case .text: return Data(TextSummary.render(result).utf8)
        case .html:
            return Data(HTMLReport.render(diagnostic: result, instrument: instrument, settings: settings,
                                          cohortName: "RoleLayer cohort").utf8)
        }
    }

    /// The diagnostic's JSON (keys sorted, as every result) with its `notice` moved to be the
    /// first key, so the file opens by saying that it identifies roles.
    static func json(_ result: OrganisationDiagnosticResult) throws -> Data {
        let body = String(decoding: try ResultJSON.encode(result), as: UTF8.self)
        var lines = body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Top-level keys are indented by exactly two spaces in the pretty-printed output.
        guard lines.first == "{", let k = lines.firstIndex(where: { $0.hasPrefix("  \"notice\" :") }) else {
            return Data(body.utf8)
        }
        var notice = lines.remove(at: k)
        if !notice.hasSuffix(",") {
            // It was the last key: the key before it loses its comma, the notice gains one.
            if lines[k - 1].hasSuffix(",") { lines[k - 1].removeLast() }
            notice += ","
        }
        lines.insert(notice, at: 1)
        return Data(lines.joined(separator: "\n").utf8)
    }
}
