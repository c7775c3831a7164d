import ArgumentParser
import Foundation
import RoleLayerCore
import RoleLayerIO

/// `rolelayer instrument [--instrument FILE]`: prints the codebook.
struct InstrumentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "instrument",
        abstract: "Print the codebook: roles, stages, blockers, priorities, directions, questions, settings.",
        discussion: """
            Shows the built-in instrument, or the custom one given with --instrument (after \
            validating it). Every code is followed by its label and the aliases accepted for it; \
            input files may use any of them, in any case.
            """)

    @OptionGroup var instrumentOptions: InstrumentOptions

    func run() async throws {
        try CommandRunner.run { _ in
            print(Codebook.render(try instrumentOptions.load()), terminator: "")
            return .success
        }
    }
}

/// The plain-text codebook of an instrument.
enum Codebook {
    /// The whole codebook, ending with a newline.
    static func render(_ instrument: Instrument) -> String {
        var out = "\(instrument.name) (instrument version \(instrument.version))\n"
        func section(_ title: String, _ list: CodeList, values: (Int) -> String? = { _ in nil }) {
            out += "\n\(title)\n"
            let width = list.entries.map(\.code.count).max() ?? 0
            for (i, e) in list.entries.enumerated() {
                var line = "  "
                if let v = values(i) { line += v.padding(toLength: 3, withPad: " ", startingAt: 0) }
                line += e.code.padding(toLength: width + 2, withPad: " ", startingAt: 0) + e.label
                if !e.aliases.isEmpty { line += "  (also: " + e.aliases.joined(separator: ", ") + ")" }
                out += line + "\n"
            }
        }
        section("Roles (\(instrument.roles.count))", instrument.roles)
        section("Stages (0...6, higher is further along)", instrument.stages, values: { String($0) })
        section("Blockers (\(instrument.blockers.count); any number, one may be primary)", instrument.blockers)
        section("Priorities (\(instrument.priorities.count); up to \(instrument.maximumPriorities), most important first)", instrument.priorities)
        section("Directions (-2...2)", instrument.directions, values: { String($0 - 2) })
        out += "\nOwnership\n  a role code, " + Instrument.ownershipExtraCodes.joined(separator: " or ") + "\n"

        out += "\nQuestions\n"
        let ordered = Response.fieldNames.filter { instrument.questions[$0] != nil }
        let others = instrument.questions.keys.filter { !Response.fieldNames.contains($0) }.sorted()
        for field in ordered + others {
            out += "  \(field): \(instrument.questions[field]!)\n"
        }

        out += "\nSettings\n"
        out += settingsLines(instrument.settings).map { "  " + $0 + "\n" }.joined()
        return out
    }

    /// `key: value` per analysis setting, keys as in an instrument file, sorted.
    static func settingsLines(_ settings: AnalysisSettings) -> [String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(settings),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return [] }
        return object.keys.sorted().map { key in "\(key): \(object[key]!)" }
    }
}
