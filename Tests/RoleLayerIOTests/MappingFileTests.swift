import Foundation
import RoleLayerCore
import Testing
@testable import RoleLayerIO

/// Mapping files: what loads, and every problem named with its line.
struct MappingFileTests {
    static let minimal = """
        format: csv
        respondent: id
        organisation: none
        constants:
          wave: 2026-Q1
        fields:
          role: job
          stage: st
        """

    /// A minimal mapping loads; `organisation: none` means no organisations; filter names keep
    /// their order; LimeSurvey adds its built-in filter first.
    @Test func minimalLoads() throws {
        let m = try loadMapping(Self.minimal)
        #expect(m.format == .csv && m.withoutOrganisations)
        #expect(m.respondent.name == "id" && m.constants.map(\.value) == ["2026-Q1"])
        #expect(m.fields.map(\.field) == [.role, .stage])
        let filtered = try loadMapping(Self.minimal + "\nfilters:\n  - {name: b, column: x, missing: true}\n  - {name: a, column: y, in: [1, 2]}\n")
        #expect(filtered.filterNames == ["b", "a"])
        let lime = try loadMapping(Self.minimal.replacingOccurrences(of: "format: csv", with: "format: limesurvey"))
        #expect(lime.filterNames == [MappingFile.incompleteFilterName])
        let org = try loadMapping(Self.minimal.replacingOccurrences(of: "organisation: none", with: "organisation: company"))
        #expect(!org.withoutOrganisations && org.organisation?.name == "company")
    }

    /// Top-level problems: an unknown key, a bad format, missing keys, with their lines.
    @Test func topLevelProblems() {
        #expect(mappingProblems(Self.minimal + "\nfilter: []\n") == [
            "9:1: filter: unknown key (expected one of format, respondent, organisation, constants, fields, filters, missing_values, include_incomplete)"
        ])
        #expect(mappingProblems(Self.minimal.replacingOccurrences(of: "format: csv", with: "format: spss")) == [
            "1:9: format: 'spss' is not qualtrics, limesurvey or csv"
        ])
        #expect(mappingProblems(Self.minimal.replacingOccurrences(of: "respondent: id\n", with: "")) == [
            "1:1: respondent: missing key (the column holding the respondent key)"
        ])
        #expect(mappingProblems(Self.minimal.replacingOccurrences(of: "organisation: none\n", with: "")) == [
            "1:1: organisation: missing key (a column, or none when each respondent is their own cluster, or constants.organisation_id)"
        ])
        #expect(mappingProblems("- a\n- b\n") == ["1:1: the file must hold a mapping of keys such as format, respondent and fields"])
        #expect(mappingProblems("") == ["the file is empty"])
    }

    /// YAML syntax errors and keys given twice carry their line.
    @Test func syntax() {
        let problems = mappingProblems("format: csv\nfields:\n  role: [a\n")
        #expect(problems.count == 1 && problems[0].hasPrefix("4:1: YAML syntax"))
        #expect(mappingProblems(Self.minimal + "\nformat: qualtrics\n") == ["9:1: key given twice in one mapping: format"])
        #expect(mappingProblems(Self.minimal + "\n  stage: other\n") == ["9:3: key given twice in one mapping: stage"])
    }

    /// Field problems: an unknown field, a required field not mapped, a key of the wrong kind,
    /// a field also given as a constant, two sources for one field.
    @Test func fieldProblems() {
        #expect(mappingProblems(Self.minimal + "\n  rol: x\n") == [
            "9:3: fields.rol: not a canonical field (wave, role, stage, confidence, preparedness, blockers, primary_blocker, priorities, ownership, direction, influences, signoff, org_stage, sector, size_band, region, weight, comment)"
        ])
        #expect(mappingProblems(Self.minimal.replacingOccurrences(of: "  stage: st", with: "")) == [
            "6:1: fields.stage: required field not mapped (give a column, or a constant)"
        ])
        #expect(mappingProblems(Self.minimal + "\n  confidence: {column: c, separator: ';'}\n") == [
            "9:27: fields.confidence.separator: unknown key (expected one of column, values)"
        ])
        #expect(mappingProblems(Self.minimal + "\n  wave: w\n") == ["9:3: fields.wave: also given as a constant (line 5)"])
        #expect(mappingProblems(Self.minimal + "\n  blockers: {column: b, question: Q3, values: {SQ1: x}}\n") == [
            "9:13: fields.blockers: give only one of column, columns or question"
        ])
        #expect(mappingProblems(Self.minimal + "\n  respondent_id: x\n") == [
            "9:3: fields.respondent_id: give the respondent key at the top level (respondent: / organisation:)"
        ])
        #expect(mappingProblems(Self.minimal + "\n  blockers: {columns: [{column: a}]}\n") == [
            "9:24: fields.blockers.columns[0]: missing key 'value' (the code this column stands for, or null to drop it)"
        ])
    }

    /// Value maps: two labels equal after normalising (curly apostrophe, case, spaces) are one
    /// label given twice; several labels may map to one code.
    @Test func valueMaps() throws {
        let yaml = Self.minimal + "\n  sector:\n    column: s\n    values:\n      \"Don't know\": null\n      \"DON’T  know\": x\n"
        #expect(mappingProblems(yaml) == [
            "13:7: fields.sector.values: 'DON’T  know' is the same label as 'Don't know' (line 12) after normalising"
        ])
        let ok = try loadMapping(Self.minimal + "\n  sector:\n    column: s\n    values: {A: one, B: one, C: null}\n")
        let values = try #require(ok.fields.last?.values)
        #expect(values.entry(for: "b")?.target == "one" && values.entry(for: "A")?.target == "one")
        #expect(values.entry(for: "C") != nil && values.entry(for: "C")?.target == nil)
    }

    /// Dates: a bad granularity, an unknown time zone and a missing time zone are reported.
    @Test func dateProblems() {
        let base = Self.minimal.replacingOccurrences(of: "constants:\n  wave: 2026-Q1\n", with: "")
        #expect(mappingProblems(base + "\n  wave: {column: d, date: week, time_zone: Europe/London}\n") == [
            "7:27: fields.wave.date: 'week' is not year, quarter or month"
        ])
        #expect(mappingProblems(base + "\n  wave:\n    column: d\n    date: quarter\n    time_zone: Europe/Londres\n") == [
            "10:16: fields.wave.time_zone: 'Europe/Londres' is not a time zone (use an IANA name such as Europe/London, or UTC)"
        ])
        #expect(mappingProblems(base + "\n  wave: {column: d, date: month}\n") == [
            "7:9: fields.wave.time_zone: missing key (the time zone that places a date into a wave, for example Europe/London)"
        ])
        #expect(mappingProblems(base + "\n  wave: {column: d, time_zone: UTC}\n") == [
            "7:21: fields.wave.time_zone: applies only with date: (a wave read from a date column)"
        ])
    }

    /// Filters: a name is required and unique, exactly one condition.
    @Test func filterProblems() {
        #expect(mappingProblems(Self.minimal + "\nfilters:\n  - {column: x, missing: true}\n") == [
            "10:5: filters[0]: missing key 'name' (the report counts filtered rows by name)"
        ])
        #expect(mappingProblems(Self.minimal + "\nfilters:\n  - {name: a, column: x, equals: 1, missing: true}\n") == [
            "10:5: filters[0]: give only one condition (equals, in, not_in or missing); use two filters for two conditions"
        ])
        #expect(mappingProblems(Self.minimal + "\nfilters:\n  - {name: a, column: x}\n") == [
            "10:5: filters[0]: give one condition: equals, in, not_in or missing: true"
        ])
        #expect(mappingProblems(Self.minimal + "\nfilters:\n  - {name: a, column: x, missing: true}\n  - {name: a, column: y, missing: true}\n") == [
            "11:5: filters[1].name: 'a' is already the name of filters[0]"
        ])
        #expect(mappingProblems(Self.minimal + "\nfilters:\n  - {name: a, colum: x, missing: true}\n") == [
            "10:15: filters[0].colum: unknown key (expected one of name, column, equals, in, not_in, missing)",
            "10:5: filters[0]: missing key 'column'",
        ].sorted())
    }

    /// Against an instrument: value-map targets, split-column values and constants that the
    /// instrument does not know are named with their lines.
    @Test func checkAgainstInstrument() throws {
        let yaml = """
            format: csv
            respondent: id
            organisation: none
            constants:
              wave: 2026-Q5
            fields:
              role: {column: job, values: {Boss: ceo, Money: chief_money_officer}}
              stage: {column: st, values: {Live: production, Later: 7}}
              confidence: {column: c, values: {High: 8}}
              signoff: {columns: [{column: s1, value: cfo}, {column: s2, value: king}]}
            """
        let m = try loadMapping(yaml)
        do {
            try m.check(against: .default)
            Issue.record("expected problems")
        } catch {
            #expect(error.problems.map(\.description) == [
                "5: constants.wave: '2026-Q5' is not a wave (2026-Q1, 2026-03 or 2026)",
                "7: fields.role.values: 'chief_money_officer' is not a role code, label or alias of the instrument",
                "8: fields.stage.values: '7' is out of range (0...6)",
                "9: fields.confidence.values: '8' is not a whole number 1...7",
                "10: fields.signoff.columns: 'king' is not a role code, label or alias of the instrument",
            ])
        }
        // The reader reports the same problems at row 0 and reads nothing.
        let r = ResponseReader().read(bytes: Array("id,job,st\n1,Boss,Live\n".utf8), fileName: "e.csv", mapping: m)
        #expect(r.rowsRead == 0 && r.errors.count == 5 && r.errors.allSatisfy { $0.row == 0 })
        #expect(r.errors.first?.reason == "mapping m.yaml:5: constants.wave: '2026-Q5' is not a wave (2026-Q1, 2026-03 or 2026)")
    }

    /// A missing mapping file is an input error (the CLI's exit status 2).
    @Test func missingFile() {
        #expect(throws: InputError.self) { try MappingFile.load(path: "/nonexistent/m.yaml") }
    }
}
