import Foundation
import RoleLayerCore
import Testing

/// A small study for the `analyze` and `diagnose` tests: 24 organisations × six roles × three
/// quarters, plus a General Counsel in only four organisations of the first wave (four
/// respondents: suppressed under k_resp = 5). Every respondent_id carries the marker `RIDMARK`
/// and every comment the marker `COMMENTMARK`, neither of which may reach any output.
enum Study {
    static let waves = ["2026-Q1", "2026-Q2", "2026-Q3"]
    static let roles = ["ceo", "cfo", "coo", "cto", "cio", "cdao"]
    static let baseStage = ["ceo": 2, "cfo": 1, "coo": 3, "cto": 4, "cio": 4, "cdao": 3, "gc": 1]
    static let blockers = ["roi_uncertainty", "security_risk", "data_readiness", "skills_gap", "capital_evidence"]
    static let priorities = ["cost_efficiency", "revenue_growth", "productivity", "talent", "innovation"]
    static let sectors = ["alpha", "beta", "gamma"]
    static let organisations = 24
    static let respondentMarker = "RIDMARK"
    static let commentMarker = "COMMENTMARK"

    /// One data row's fields.
    static func row(wave w: Int, organisation o: Int, role: String) -> [String] {
        var g = RandomGenerator(seed: 41, stream: UInt64(w * 10_000 + o * 100 + role.hashValueStable))
        let stage = min(6, max(0, baseStage[role]! + w + g.nextInt(below: 3) - 1))
        let k = 1 + g.nextInt(below: 3)
        var chosen = Array(blockers.shuffledPrefix(k, using: &g))
        if role == "cfo" && !chosen.contains("capital_evidence") { chosen[0] = "capital_evidence" }
        let others = (roles + ["gc"]).filter { $0 != role }
        let influences = [others[g.nextInt(below: others.count)], "ceo"].filter { $0 != role }
        return [
            "\(respondentMarker)-\(w)-\(o)-\(role)",
            "org-\(o < 10 ? "0" : "")\(o)",
            waves[w],
            role,
            String(stage),
            String(1 + g.nextInt(below: 7)),
            String(1 + g.nextInt(below: 7)),
            chosen.joined(separator: ";"),
            chosen[0],
            Array(priorities.shuffledPrefix(1 + g.nextInt(below: 3), using: &g)).joined(separator: ";"),
            ["shared", "unclear", "cto", "ceo"][g.nextInt(below: 4)],
            String(g.nextInt(below: 5) - 2),
            Array(Set(influences)).sorted().joined(separator: ";"),
            role == "ceo" ? "cfo" : "ceo;cfo",
            "",
            sectors[o % sectors.count],
            "250-999",
            "EU",
            "1",
            "\"\(commentMarker) \(w)/\(o)/\(role), with a comma and \"\"quotes\"\"\"",
        ]
    }

    /// The whole file as canonical CSV.
    static let csv: String = {
        var out = CanonicalCSV.header + "\n"
        for w in waves.indices {
            for o in 0..<organisations {
                for role in roles { out += row(wave: w, organisation: o, role: role).joined(separator: ",") + "\n" }
                if w == 0 && o < 4 { out += row(wave: w, organisation: o, role: "gc").joined(separator: ",") + "\n" }
            }
        }
        return out
    }()

    /// Data rows of a sector in the given waves.
    static func rows(sector: String, waves selected: Set<Int>) -> Int {
        var n = 0
        for w in selected {
            for o in 0..<organisations where sectors[o % sectors.count] == sector {
                n += roles.count + (w == 0 && o < 4 ? 1 : 0)
            }
        }
        return n
    }

    /// A temporary directory holding the study as `study.csv`.
    static func directory() throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        try dir.write("study.csv", csv)
        return dir
    }

    /// Fast settings for the tests (the machine is shared).
    static let fast = ["--bootstrap", "60", "--permutations", "19"]
}

private extension String {
    /// A hash that does not change between runs (Swift's `hashValue` is seeded per process).
    var hashValueStable: Int { unicodeScalars.reduce(0) { ($0 &* 31 &+ Int($1.value)) & 0xFFFF } }
}

private extension Array {
    /// The first `k` elements of a seeded shuffle.
    func shuffledPrefix(_ k: Int, using g: inout RandomGenerator) -> ArraySlice<Element> {
        var copy = self
        g.shuffle(&copy)
        return copy.prefix(k)
    }
}

/// Splits RFC 4180 CSV text into records of fields (test helper).
func parseCSV(_ text: String) -> [[String]] {
    var records: [[String]] = []
    var record: [String] = []
    var field = ""
    var inQuotes = false
    var chars = Array(text)[...]
    while let c = chars.popFirst() {
        if inQuotes {
            if c == "\"" {
                if chars.first == "\"" { field.append("\""); chars = chars.dropFirst() } else { inQuotes = false }
            } else { field.append(c) }
        } else if c == "\"" {
            inQuotes = true
        } else if c == "," {
            record.append(field); field = ""
        } else if c == "\n" {
            record.append(field); field = ""
            records.append(record); record = []
        } else {
            field.append(c)
        }
    }
    if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
    return records
}

/// Decodes `analyze --format json` output.
func decodeResult(_ text: String) throws -> AnalysisResult {
    try JSONDecoder().decode(AnalysisResult.self, from: Data(text.utf8))
}

/// `rolelayer analyze`: the three formats, determinism, anonymity, settings, selection.
struct AnalyzeCommandTests {
    /// The same data and seed give byte-identical JSON, run after run, to a file or standard output.
    @Test func jsonIsByteIdentical() throws {
        let dir = try Study.directory()
        defer { dir.cleanUp() }
        let args = ["analyze", "study.csv", "--format", "json"] + Study.fast
        let first = try CLI.run(args + ["--out", "a.json"], in: dir.url)
        let second = try CLI.run(args + ["--out", "b.json"], in: dir.url)
        let third = try CLI.run(args, in: dir.url)
        #expect(first.status == 0 && second.status == 0 && third.status == 0, "\(first.stderr)")
        let a = try Data(contentsOf: dir.url.appendingPathComponent("a.json"))
        let b = try Data(contentsOf: dir.url.appendingPathComponent("b.json"))
        #expect(!a.isEmpty && a == b)
        #expect(Data(third.stdout.utf8) == a)
        #expect(first.stdout.isEmpty && first.stderr.isEmpty)
    }

    /// The result's top level is the documented one, with the current schema version, and
    /// docs/result-schema.json requires exactly these keys and that version.
    @Test func topLevelKeysAndSchemaVersion() throws {
        let dir = try Study.directory()
        defer { dir.cleanUp() }
        let run = try CLI.run(["analyze", "study.csv", "--format", "json"] + Study.fast, in: dir.url)
        #expect(run.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let expected: Set = ["schemaVersion", "generator", "seed", "instrument", "settings", "selection", "cohort",
                             "waves", "acrossWaves", "notes"]
        #expect(Set(object.keys) == expected)
        #expect(object["schemaVersion"] as? String == AnalysisResult.currentSchemaVersion)
        #expect(object["generator"] as? String == "RoleLayer")
        #expect((object["waves"] as? [Any])?.count == 3)

        let schemaURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/result-schema.json")
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: schemaURL)) as? [String: Any])
        #expect(schema["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        #expect(Set(schema["required"] as? [String] ?? []) == expected)
        let properties = try #require(schema["properties"] as? [String: Any])
        #expect(Set(properties.keys) == expected)
        let version = try #require(properties["schemaVersion"] as? [String: Any])
        #expect(version["const"] as? String == AnalysisResult.currentSchemaVersion)
    }

    /// A role with four respondents is suppressed with its reason in JSON (value null, reason
    /// "suppressed", n = 4), in the tidy CSV (empty value, `suppressed`) and in the text
    /// ("n < k (n = 4)"); with --k-respondents 4 it is published.
    @Test func suppressedRoleInEveryFormat() throws {
        let dir = try Study.directory()
        defer { dir.cleanUp() }
        let json = try CLI.run(["analyze", "study.csv", "--format", "json"] + Study.fast, in: dir.url)
        #expect(json.status == 0)
        #expect(json.stdout.contains("\"reason\" : \"suppressed\""))
        #expect(json.stdout.contains("\"value\" : null"))
        let result = try decodeResult(json.stdout)
        let gc = try #require(result.waves[0].roleShiftIndex.roles.first { $0.role == "gc" })
        #expect(gc.roleShiftIndex.value == nil && gc.roleShiftIndex.lower == nil)
        #expect(gc.roleShiftIndex.reason == "suppressed")
        #expect(gc.roleShiftIndex.n == 4 && gc.roleShiftIndex.organisations == 4)
        #expect(gc.stageDistribution == nil && gc.medianStage == nil)
        let cto = try #require(result.waves[0].roleShiftIndex.roles.first { $0.role == "cto" })
        #expect(cto.roleShiftIndex.value != nil && cto.roleShiftIndex.lower != nil && cto.roleShiftIndex.n == 24)

        let csv = try CLI.run(["analyze", "study.csv", "--format", "csv", "--out", "tables"] + Study.fast, in: dir.url)
        #expect(csv.status == 0)
        let rsi = parseCSV(try String(contentsOfFile: dir.path("tables/role_shift_index.csv"), encoding: .utf8))
        let header = rsi[0]
        #expect(header == ["wave", "previous_wave", "role", "measure", "value", "lower", "upper", "n", "n_organisations",
                           "reason", "interval_reason", "significant"])
        let row = try #require(rsi.first { $0[0] == "2026-Q1" && $0[2] == "gc" && $0[3] == "rsi" })
        #expect(row == ["2026-Q1", "", "gc", "rsi", "", "", "", "4", "4", "suppressed", "", ""])
        let stages = parseCSV(try String(contentsOfFile: dir.path("tables/stage_distribution.csv"), encoding: .utf8))
        let gcStages = stages.filter { $0[0] == "2026-Q1" && $0[1] == "gc" }
        #expect(gcStages.count == 7 && gcStages.allSatisfy { $0[4] == "" && $0[7] == "suppressed" })

        let text = try CLI.run(["analyze", "study.csv"] + Study.fast, in: dir.url)
        #expect(text.status == 0)
        let line = try #require(text.stdout.split(separator: "\n").first { $0.hasPrefix("  gc ") })
        #expect(line.contains("n < k (n = 4)"))
        #expect(text.stdout.contains("\"n < k\" marks a suppressed figure"))

        let relaxed = try CLI.run(["analyze", "study.csv", "--format", "json", "--k-respondents", "4"] + Study.fast, in: dir.url)
        let published = try decodeResult(relaxed.stdout)
        #expect(published.settings.minimumRespondents == 4)
        let gc4 = try #require(published.waves[0].roleShiftIndex.roles.first { $0.role == "gc" })
        #expect(gc4.roleShiftIndex.value != nil && gc4.roleShiftIndex.reason == nil)
    }

    /// The markers planted in every respondent_id and comment appear in no output: JSON, every
    /// tidy CSV table, text, and the diagnostic in JSON and text (nor on standard error).
    @Test func respondentIdsAndCommentsNeverAppear() throws {
        let dir = try Study.directory()
        defer { dir.cleanUp() }
        #expect(Study.csv.contains(Study.respondentMarker) && Study.csv.contains(Study.commentMarker))
        var outputs: [(String, String)] = []
        for format in ["json", "text"] {
            let r = try CLI.run(["analyze", "study.csv", "--format", format] + Study.fast, in: dir.url)
            #expect(r.status == 0)
            outputs.append(("analyze \(format)", r.stdout + r.stderr))
        }
        let csv = try CLI.run(["analyze", "study.csv", "--format", "csv", "--out", "tables"] + Study.fast, in: dir.url)
        #expect(csv.status == 0)
        outputs.append(("analyze csv", csv.stdout + csv.stderr))
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path("tables"))
        #expect(files.count >= 30)
        for file in files {
            outputs.append((file, try String(contentsOfFile: dir.path("tables/" + file), encoding: .utf8)))
        }
        for format in ["json", "text"] {
            let r = try CLI.run(["diagnose", "study.csv", "--org", "org-00", "--wave", "2026-Q1", "--format", format] + Study.fast,
                                in: dir.url)
            #expect(r.status == 0, "\(r.stderr)")
            outputs.append(("diagnose \(format)", r.stdout + r.stderr))
        }
        for (name, text) in outputs {
            #expect(!text.isEmpty, "\(name)")
            #expect(!text.contains(Study.respondentMarker), "\(name)")
            #expect(!text.contains(Study.commentMarker), "\(name)")
            #expect(!text.contains("respondent_id") && !text.contains("\"comment\""), "\(name)")
        }
    }

    /// Settings given on the command line are echoed in the JSON settings: --bootstrap 0 gives no
    /// intervals, each with its reason; --seed moves the intervals but not the values;
    /// --position-weights and the thresholds are echoed.
    @Test func settingsOverridesAreEchoed() throws {
        let dir = try Study.directory()
        defer { dir.cleanUp() }
        let base = try decodeResult(try CLI.run(["analyze", "study.csv", "--format", "json"] + Study.fast, in: dir.url).stdout)
        #expect(base.settings.bootstrapReplicates == 60 && base.settings.permutations == 19)
        #expect(base.seed == AnalysisSettings().seed && base.settings.seed == base.seed)

        let none = try decodeResult(try CLI.run(["analyze", "study.csv", "--format", "json", "--bootstrap", "0"], in: dir.url).stdout)
        #expect(none.settings.bootstrapReplicates == 0)
        for w in none.waves {
            for role in w.roleShiftIndex.roles where role.roleShiftIndex.value != nil {
                #expect(role.roleShiftIndex.lower == nil && role.roleShiftIndex.upper == nil)
                #expect(role.roleShiftIndex.intervalReason == "bootstrap disabled (B = 0)")
            }
            #expect(w.adoptionGradient.roleGradient.intervalReason == "bootstrap disabled (B = 0)")
        }
        let text = try CLI.run(["analyze", "study.csv", "--bootstrap", "0"], in: dir.url)
        #expect(text.stdout.contains("no intervals (bootstrap disabled, B = 0)"))

        let seeded = try decodeResult(try CLI.run(["analyze", "study.csv", "--format", "json", "--seed", "42"] + Study.fast,
                                                  in: dir.url).stdout)
        #expect(seeded.seed == 42 && seeded.settings.seed == 42)
        let a = base.waves[0].roleShiftIndex.roles.map(\.roleShiftIndex)
        let b = seeded.waves[0].roleShiftIndex.roles.map(\.roleShiftIndex)
        #expect(a.map(\.value) == b.map(\.value))
        #expect(a.map(\.lower) != b.map(\.lower))

        let tuned = try decodeResult(try CLI.run(
            ["analyze", "study.csv", "--format", "json", "--position-weights", "1,0,0", "--gatekeeper-threshold", "0.6",
             "--validator-threshold", "1.5", "--k-organisations", "4"] + Study.fast, in: dir.url).stdout)
        #expect(tuned.settings.stageWeight == 1 && tuned.settings.confidenceWeight == 0 && tuned.settings.preparednessWeight == 0)
        #expect(tuned.settings.gatekeeperThreshold == 0.6 && tuned.settings.validatorThreshold == 1.5)
        #expect(tuned.settings.minimumOrganisations == 4)
        // Stage weight 1: the stage step is 100 / 6 points.
        #expect(abs(tuned.waves[0].roleShiftIndex.stageStep - 100.0 / 6) < 1e-12)

        for bad in [["--position-weights", "1,2"], ["--bootstrap", "-1"], ["--gatekeeper-threshold", "2"]] {
            let r = try CLI.run(["analyze", "study.csv"] + bad, in: dir.url)
            #expect(r.status == 2, "\(bad)")
            #expect(!r.stderr.isEmpty)
        }
    }

    /// --waves selects a range, one wave or an open range; --segment restricts the respondents;
    /// a range with no wave, a malformed range and an unknown segment key exit 2.
    @Test func waveRangeAndSegmentFilters() throws {
        let dir = try Study.directory()
        defer { dir.cleanUp() }
        func analyse(_ extra: [String]) throws -> AnalysisResult {
            let r = try CLI.run(["analyze", "study.csv", "--format", "json", "--bootstrap", "0", "--permutations", "0"] + extra,
                                in: dir.url)
            #expect(r.status == 0, "\(r.stderr)")
            return try decodeResult(r.stdout)
        }
        let range = try analyse(["--waves", "2026-Q2...2026-Q3"])
        #expect(range.selection.waves.map(\.description) == ["2026-Q2", "2026-Q3"])
        #expect(range.waves.map(\.wave.description) == ["2026-Q2", "2026-Q3"])
        #expect(range.acrossWaves.leadLag.waveIndices == [1, 2])
        #expect(range.cohort.respondents == 2 * Study.organisations * Study.roles.count)
        #expect(range.waves[0].roleShiftIndex.previousWave?.description == "2026-Q1")

        let one = try analyse(["--waves", "2026-Q1"])
        #expect(one.selection.waves.map(\.description) == ["2026-Q1"])
        let open = try analyse(["--waves", "2026-Q2..."])
        #expect(open.selection.waves.count == 2)

        let segment = try analyse(["--waves", "...2026-Q2", "--segment", "sector=beta"])
        #expect(segment.selection.segment.values[.sector] == "beta")
        #expect(segment.cohort.respondents == Study.rows(sector: "beta", waves: [0, 1]))
        #expect(segment.waves.allSatisfy { $0.organisations == Study.organisations / Study.sectors.count })

        for bad in [["--waves", "2027-Q1...2027-Q4"], ["--waves", "2026-Q9"], ["--segment", "colour=red"],
                    ["--segment", "sector"], ["--segment", "org_stage=9"]] {
            let r = try CLI.run(["analyze", "study.csv", "--bootstrap", "0"] + bad, in: dir.url)
            #expect(r.status == 2, "\(bad)")
            #expect(r.stderr.hasPrefix("rolelayer: ") || r.stderr.hasPrefix("Error: "), "\(bad): \(r.stderr)")
        }
    }

    /// The tidy CSV tables: every file has a header and rectangular rows and RSI values equal the
    /// JSON's; the store and a file with the rows reversed give byte-identical JSON.
    @Test func csvTablesAndTheStore() throws {
        let dir = try Study.directory()
        defer { dir.cleanUp() }
        let r = try CLI.run(["analyze", "study.csv", "--format", "csv", "--out", "tables"] + Study.fast, in: dir.url)
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("wrote ") && r.stdout.contains("tables to tables/"))
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path("tables")).sorted()
        for name in ["role_shift_index.csv", "stage_distribution.csv", "adoption_gradient.csv", "within_organisation_gradient.csv",
                     "blocker_shares.csv", "blocker_tests.csv", "blocker_divergence.csv", "alignment_map.csv", "fault_lines.csv",
                     "lead_lag_ranks.csv", "lead_lag_lags.csv", "convergence.csv", "influence.csv", "friction_pairs.csv",
                     "consensus_horizon.csv", "run_info.csv"] {
            #expect(files.contains(name), "\(name)")
        }
        for file in files {
            let records = parseCSV(try String(contentsOfFile: dir.path("tables/" + file), encoding: .utf8))
            #expect(records.count >= 1, "\(file)")
            #expect(records.allSatisfy { $0.count == records[0].count }, "\(file)")
        }
        let json = try decodeResult(try CLI.run(["analyze", "study.csv", "--format", "json"] + Study.fast, in: dir.url).stdout)
        let rsi = parseCSV(try String(contentsOfFile: dir.path("tables/role_shift_index.csv"), encoding: .utf8))
        for role in json.waves[1].roleShiftIndex.roles where role.roleShiftIndex.value != nil {
            let row = try #require(rsi.first { $0[0] == "2026-Q2" && $0[2] == role.role.rawValue && $0[3] == "rsi" })
            #expect(Double(row[4]) == role.roleShiftIndex.value)
            #expect(Double(row[5]) == role.roleShiftIndex.lower)
        }

        // The same data gives the same bytes from the store and from a file in another row order.
        let fromFile = try CLI.run(["analyze", "study.csv", "--format", "json"] + Study.fast, in: dir.url).stdout
        let imported = try CLI.run(["import", "study.csv", "--db", "store.sqlite"], in: dir.url)
        #expect(imported.status == 0, "\(imported.stderr)")
        let fromStore = try CLI.run(["analyze", "--db", "store.sqlite", "--format", "json"] + Study.fast, in: dir.url)
        #expect(fromStore.status == 0)
        #expect(fromStore.stdout == fromFile)
        let lines = Study.csv.split(separator: "\n")
        try dir.write("reversed.csv", ([lines[0]] + lines.dropFirst().reversed()).joined(separator: "\n") + "\n")
        let reversed = try CLI.run(["analyze", "reversed.csv", "--format", "json"] + Study.fast, in: dir.url)
        #expect(reversed.stdout == fromFile)
        let missing = try CLI.run(["analyze", "--db", "nothing.sqlite"], in: dir.url)
        #expect(missing.status == 2 && missing.stderr.contains("no store at nothing.sqlite"))
    }
}

/// `rolelayer diagnose`: the notice first, the formats, and errors with exit status 2.
struct DiagnoseCommandTests {
    /// Text and JSON both open by saying the diagnostic identifies roles and is meant for the
    /// organisation's leadership team; the JSON decodes as the diagnostic of the organisation asked for.
    @Test func noticeComesFirst() throws {
        let dir = try Study.directory()
        defer { dir.cleanUp() }
        let text = try CLI.run(["diagnose", "study.csv", "--org", "org-01", "--wave", "2026-Q1"] + Study.fast, in: dir.url)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.hasPrefix("NOTICE: " + OrganisationDiagnostic.notice + "\n"))
        #expect(text.stdout.contains("Organisation diagnostic: org-01, wave 2026-Q1, 7 respondents"))
        #expect(text.stdout.split(separator: "\n").contains { $0.hasPrefix("  gc ") })  // its own roles, even with one respondent

        let json = try CLI.run(["diagnose", "study.csv", "--org", "org-01", "--wave", "2026-Q1", "--format", "json", "--out", "d.json"]
                                + Study.fast, in: dir.url)
        #expect(json.status == 0)
        let data = try Data(contentsOf: dir.url.appendingPathComponent("d.json"))
        let body = String(decoding: data, as: UTF8.self)
        #expect(body.hasPrefix("{\n  \"notice\" : \"This diagnostic identifies roles."))
        #expect(body.components(separatedBy: "\"notice\"").count == 2)
        let result = try JSONDecoder().decode(OrganisationDiagnosticResult.self, from: data)
        #expect(result.organisation == "org-01" && result.wave.description == "2026-Q1")
        #expect(result.notice == OrganisationDiagnostic.notice)
        #expect(result.roles.count == 7)
    }

    /// An unknown wave or organisation, a malformed wave, and --waves exit 2 with a message.
    @Test func errorsExitTwo() throws {
        let dir = try Study.directory()
        defer { dir.cleanUp() }
        let cases: [([String], String)] = [
            (["--org", "org-99", "--wave", "2026-Q1"], "rolelayer: organisation 'org-99' has no respondent in wave 2026-Q1"),
            (["--org", "org-01", "--wave", "2025-Q4"], "rolelayer: wave 2025-Q4 is not in the study (waves: 2026-Q1, 2026-Q2, 2026-Q3)"),
            (["--org", "org-01", "--wave", "soon"], "rolelayer: --wave: 'soon' is not a wave"),
            (["--org", "org-01", "--wave", "2026-Q1", "--waves", "2026-Q1"], "diagnose takes one --wave, not --waves"),
            (["--wave", "2026-Q1"], "--org"),
        ]
        for (args, message) in cases {
            let r = try CLI.run(["diagnose", "study.csv", "--bootstrap", "0"] + args, in: dir.url)
            #expect(r.status == 2, "\(args)")
            #expect(r.stderr.contains(message), "\(args): \(r.stderr)")
            #expect(r.stdout.isEmpty)
        }
    }
}
