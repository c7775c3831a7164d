import Foundation
import RoleLayerCore
import Testing
@testable import RoleLayerIO

/// Instrument files in YAML: loading, validation with line numbers, and use in a read.
struct InstrumentFileTests {
    /// The shipped example, `examples/instrument-public-sector.yaml`.
    static let examplePath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("examples/instrument-public-sector.yaml").path

    private func load(_ yaml: String) throws(YAMLFileError) -> Instrument {
        try InstrumentFile.load(bytes: Array(yaml.utf8), fileName: "i.yaml")
    }

    private func problems(_ yaml: String) -> [String] {
        do {
            _ = try load(yaml)
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }

    /// The public-sector example loads, validates, keeps the defaults it does not replace, and
    /// drives a read: its roles and aliases are accepted, a default-only role is unknown, and its
    /// maximum of two priorities applies.
    @Test func publicSectorRoundTrip() throws {
        let instrument = try InstrumentFile.load(path: Self.examplePath)
        try instrument.validate()
        #expect(instrument.name == "RoleLayer public sector")
        #expect(instrument.roles.count == 10 && instrument.roles.codes.first == "accounting_officer")
        #expect(instrument.maximumPriorities == 2)
        #expect(instrument.stages == Instrument.default.stages)
        #expect(instrument.directions == Instrument.default.directions)
        #expect(instrument.settings.minimumRespondents == 5)

        let csv = requiredHeader + ",influences,blockers,priorities\n"
            + "r1,o1,2026,Perm Sec,3,S151 Officer;DPO,Procurement;PSED,value for money;fairness\n"
            + "r2,o1,2026,cto,3,,,\n"
            + "r3,o1,2026,finance_director,2,,public trust,service_quality;fairness;productivity\n"
        let r = readText(csv, instrument: instrument)
        let first = try #require(r.accepted.first?.response)
        #expect(first.role == Role("accounting_officer"))
        #expect(first.influences == [Role("finance_director"), Role("dpo")])
        #expect(first.blockers == [Blocker("procurement_rules"), Blocker("equality_duty")])
        #expect(first.priorities == [Priority("cost_efficiency"), Priority("fairness")])
        #expect(rendered(r) == [
            "t.csv:3:role: \"cto\": unknown role (not a role code, label or alias of the instrument)",
            "t.csv:4:priorities: \"service_quality;fairness;productivity\": more than 2 priorities (at most 2, most important first)",
        ])
    }

    /// A minimal file replaces only what it names.
    @Test func minimalFile() throws {
        let i = try load("name: Tiny\nroles:\n  - code: boss\n  - {code: deputy, label: Deputy, aliases: [No. 2]}\n")
        #expect(i.roles.codes == ["boss", "deputy"])
        #expect(i.roles.entries[0].label == "boss")
        #expect(i.role(named: "no. 2") == Role("deputy"))
        #expect(i.blockers == Instrument.default.blockers)
    }

    /// YAML syntax errors name their line.
    @Test func syntaxError() {
        let p = problems("name: x\nroles:\n  - code: a\n   - code: b\n")
        #expect(p.count == 1)
        #expect(p.first?.hasPrefix("4:") == true)
        #expect(p.first?.contains("YAML syntax") == true)
    }

    /// Wrong types and missing keys name the line and the path.
    @Test func decodingErrors() {
        #expect(problems("name: x\nversion: two\n") == ["2:10: version: expected a whole number"])
        #expect(problems("roles:\n  - code: a\n  - label: B\n") == ["3:5: roles[1]: missing key 'code'"])
        #expect(problems("settings:\n  bootstrap: [1]\n") == ["2:14: settings.bootstrap: expected a single value"])
    }

    /// Unknown keys (typos) are errors with their line; keys set to null are allowed.
    @Test func unknownKeys() {
        #expect(problems("name: x\nmaximum_priority: 2\nroles:\n  - code: a\n    lable: A\n  - code: b\n") == [
            "2:1: maximum_priority: unknown key",
            "5:5: roles[0].lable: unknown key",
        ])
        #expect(problems("name: x\nsettings:\n  seeed: 4\n") == ["3:3: settings.seeed: unknown key"])
    }

    /// Duplicated keys in a mapping are reported with their line.
    @Test func duplicatedKeys() {
        let p = problems("name: a\nversion: 1\nname: b\n")
        #expect(p.count == 1)
        #expect(p.first?.contains("key given twice in one mapping: name") == true)
    }

    /// Instrument.validate() problems come back with the line of the entry they name.
    @Test func validationProblemsWithLines() {
        let yaml = """
        name: x
        roles:
          - code: cto
            aliases: [CTO]
          - code: Cio
            aliases: [cto]
        maximum_priorities: 12
        settings:
          stage_weight: -1
        """
        #expect(problems(yaml) == [
            "5: roles[1] 'Cio': code must be lower-case ASCII letters, digits or '_'",
            "5: roles[1] 'Cio': 'cto' also names 'cto'",
            "7: maximum_priorities: must lie in 1...8",
            "9: settings: stage_weight must be a finite number >= 0",
            "9: settings: stage_weight must be > 0 (a respondent's position needs the stage)",
        ])
    }

    /// A missing instrument file is an InputError (exit status 2); an empty one is a YAML problem.
    @Test func unreadableAndEmpty() {
        #expect(throws: InputError(path: "/nonexistent/i.yaml", reason: "no such file")) {
            try InstrumentFile.load(path: "/nonexistent/i.yaml")
        }
        #expect(problems("") == ["the file is empty"])
        #expect(problems("# only a comment\n") == ["the file is empty"])
    }

    /// YAMLFile decodes any Decodable with the same line-numbered errors (for scenario files).
    @Test func genericDecoding() throws {
        struct Scenario: Codable, Equatable { var organisations: Int; var waves: [String] }
        let s = try YAMLFile.decode(Scenario.self, bytes: Array("organisations: 12\nwaves: [2026-Q1, 2026-Q2]\n".utf8), fileName: "s.yaml")
        #expect(s == Scenario(organisations: 12, waves: ["2026-Q1", "2026-Q2"]))
        #expect(throws: YAMLFileError(path: "s.yaml", problems: [.init(line: 1, column: 16, message: "organisations: expected a whole number")])) {
            try YAMLFile.decode(Scenario.self, bytes: Array("organisations: many\nwaves: []\n".utf8), fileName: "s.yaml")
        }
        let rendered = YAMLFileError(path: "s.yaml", problems: [.init(line: 3, column: 2, message: "x"), .init(line: nil, message: "y")]).description
        #expect(rendered == "s.yaml:3:2: x\ns.yaml: y")
    }
}
