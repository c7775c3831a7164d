import ArgumentParser
import Foundation
import RoleLayerCore
import RoleLayerIO
import RoleLayerSimulation
import Yams

extension CanonicalFormat: ExpressibleByArgument {}

/// `rolelayer simulate`: writes a seeded fieldwork panel with planted effects as canonical CSV
/// or JSON Lines, streaming (docs/simulation.md).
///
/// With `--out FILE` it also writes `FILE.scenario.yaml`, the full resolved scenario including
/// the seed, from which `rolelayer simulate --scenario FILE.scenario.yaml --out FILE`
/// regenerates the file byte for byte. Exit status 0 on success, 2 for usage errors (an
/// unreadable or invalid scenario, an unknown output extension, an unwritable file).
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Generate a realistic multi-wave fieldwork panel with planted effects.",
        discussion: """
            Writes canonical CSV or JSON Lines (by the extension of --out, or --format; CSV on \
            standard output). With --out FILE, the full resolved scenario and seed are written \
            to FILE.scenario.yaml; `rolelayer simulate --scenario FILE.scenario.yaml --out FILE` \
            regenerates FILE byte for byte. Scenario files override the built-in default \
            (examples/scenarios/default.yaml); see docs/simulation.md.
            """)

    @Option(name: .long, help: "Scenario YAML file: overrides of the built-in default scenario.")
    var scenario: String?

    @Option(name: .long, help: "Organisations in the first wave (overrides the scenario).")
    var organisations: Int?

    @Option(name: .long, help: "Number of waves (overrides the scenario).")
    var waves: Int?

    @Option(name: .long, help: "Seed of every random draw (overrides the scenario).")
    var seed: UInt64?

    @Option(name: .long, help: "Output file (default: standard output).")
    var out: String?

    @Option(name: .long, help: "Output format: csv or jsonl (default: by the extension of --out, else csv).")
    var format: CanonicalFormat?

    @Option(name: .long, help: "Also write the planted truth (role order, lags, gatekeepers, fault lines, ...) as JSON to this file.")
    var planted: String?

    @Flag(name: .long, help: "Do not write the FILE.scenario.yaml sidecar.")
    var noSidecar = false

    func run() async throws {
        var resolved: Scenario
        do {
            resolved = try loadScenario()
        } catch {
            fail("\(error)")
        }
        if let organisations { resolved.organisations = organisations }
        if let waves { resolved.waves = waves }
        if let seed { resolved.seed = seed }

        let simulator: PanelSimulator
        do {
            simulator = try PanelSimulator(scenario: resolved)
        } catch {
            fail(error.description)
        }

        let outputFormat: CanonicalFormat
        if let format {
            outputFormat = format
        } else if let out {
            guard let f = CanonicalFormat(path: out) else {
                fail("cannot tell the format of '\(out)' from its extension: use .csv or .jsonl, or give --format")
            }
            outputFormat = f
        } else {
            outputFormat = .csv
        }

        let handle: FileHandle
        if let out {
            guard FileManager.default.createFile(atPath: out, contents: nil),
                  let h = FileHandle(forWritingAtPath: out) else {
                fail("cannot write '\(out)'")
            }
            handle = h
        } else {
            handle = FileHandle.standardOutput
        }
        let writer = CanonicalWriter(handle: handle, format: outputFormat)
        try simulator.generate { try writer.write($0) }
        try writer.finish()
        if out != nil { try handle.close() }

        if let out, !noSidecar {
            let text = try Self.sidecar(for: resolved, dataFile: out, format: outputFormat, explicitFormat: format != nil)
            try Data(text.utf8).write(to: URL(fileURLWithPath: out + ".scenario.yaml"))
        }
        if let planted {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(simulator.plantedEffects()).write(to: URL(fileURLWithPath: planted))
        }
        if let out {
            FileHandle.standardError.write(Data("wrote \(writer.count) records to \(out)\n".utf8))
        }
    }

    /// The scenario file decoded as an override of the default (unknown keys are errors,
    /// reported with their line by ``YAMLFile``), or the default.
    private func loadScenario() throws -> Scenario {
        guard let path = scenario else { return .default }
        return try YAMLFile.decode(Scenario.self, path: path)
    }

    /// The sidecar text: a comment saying how to regenerate, then the resolved scenario (keys
    /// sorted, so the text is the same on every run).
    static func sidecar(for scenario: Scenario, dataFile: String, format: CanonicalFormat, explicitFormat: Bool) throws -> String {
        let encoder = YAMLEncoder()
        encoder.options.sortKeys = true
        let body = try encoder.encode(scenario)
        let name = (dataFile as NSString).lastPathComponent
        let formatFlag = explicitFormat ? " --format \(format.rawValue)" : ""
        return """
            # The full resolved scenario (seed included) of \(name), written by `rolelayer simulate`.
            # Regenerate the file byte for byte with:
            #   rolelayer simulate --scenario \(name).scenario.yaml --out \(name)\(formatFlag)

            """ + body
    }

    private func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
        Foundation.exit(2)
    }
}
