import RoleLayerCore
import Testing
@testable import RoleLayerIO

/// The field rules of data.md ("Validation details"), through the canonical CSV reader.
struct FieldValidationTests {
    /// Codes, labels and aliases resolve in any case and spacing; anything else is an unknown code.
    @Test func codesLabelsAliases() {
        let ok = readCells(["role": " Chief Legal Officer ", "stage": "PILOTING", "direction": "Slow-down",
                            "blockers": "ROI Uncertainty; capital evidence", "ownership": "Head of Legal"])
        #expect(ok.problems.isEmpty)
        let resp = ok.accepted.first?.response
        #expect(resp?.role == .gc && resp?.stage == .piloting && resp?.direction == .slowDown)
        #expect(resp?.blockers == [.roiUncertainty, .capitalEvidence])
        #expect(resp?.ownership == .role(.gc))

        let bad = readCells(["role": "Chief Digital Officer", "blockers": "roi_uncertainty;tea shortage",
                             "ownership": "nobody", "priorities": "world peace"])
        #expect(rendered(bad) == [
            "t.csv:2:role: \"Chief Digital Officer\": unknown role (not a role code, label or alias of the instrument)",
            "t.csv:2:blockers: \"tea shortage\": unknown blocker (not a blocker code, label or alias of the instrument)",
            "t.csv:2:priorities: \"world peace\": unknown priority (not a priority code, label or alias of the instrument)",
            "t.csv:2:ownership: \"nobody\": unknown owner (expected a role, shared or unclear)",
        ])
        #expect(bad.rejectedRows == 1 && bad.accepted.isEmpty)
    }

    /// Integers: spaces, `+`, zero fractions and `-0` are accepted; fractions, words and
    /// non-ASCII digits are rejected; out-of-range values are named with their range.
    @Test func integers() {
        let ok = readCells(["confidence": " +5 ", "preparedness": "4.0", "stage": "2.", "direction": "-0", "org_stage": "6.00"])
        #expect(ok.problems.isEmpty)
        let resp = ok.accepted.first?.response
        #expect(resp?.confidence == 5 && resp?.preparedness == 4 && resp?.stage == .experimenting)
        #expect(resp?.direction == .hold && resp?.orgStage == .stabilised)

        let bad = readCells(["confidence": "8", "preparedness": "4.5", "stage": "seven", "direction": "3", "org_stage": "\u{0665}"])
        #expect(rendered(bad) == [
            "t.csv:2:stage: \"seven\": unknown stage (expected 0...6 or a stage code such as piloting)",
            "t.csv:2:confidence: \"8\": out of range: confidence must be an integer 1...7",
            "t.csv:2:preparedness: \"4.5\": not a whole number: preparedness must be an integer 1...7",
            "t.csv:2:direction: \"3\": out of range: direction must be -2...2 or a direction code",
            "t.csv:2:org_stage: \"\u{0665}\": unknown stage (expected 0...6 or a stage code such as piloting)",
        ])
        let words = readCells(["confidence": "high", "preparedness": "\u{FF15}", "stage": "-1", "org_stage": "12345678901234567890"])
        #expect(rendered(words) == [
            "t.csv:2:stage: \"-1\": out of range: stage must be 0...6 or a stage code",
            "t.csv:2:confidence: \"high\": not a number: confidence must be an integer 1...7",
            "t.csv:2:preparedness: \"\u{FF15}\": not a number: preparedness must be an integer 1...7",
            "t.csv:2:org_stage: \"12345678901234567890\": out of range: org_stage must be 0...6 or a stage code",
        ])
    }

    /// Missing-value tokens mean "not answered" for coded and numeric fields, but free text keeps them.
    @Test func missingValueTokens() throws {
        let r = readRow(cells(["confidence": "NA", "preparedness": " n/a ", "direction": "null", "ownership": "NaN",
                               "primary_blocker": "", "org_stage": "nan", "weight": "NA", "comment": "NA"]))
        #expect(r.problems.isEmpty)
        let resp = try #require(r.accepted.first?.response)
        #expect(resp.confidence == nil && resp.preparedness == nil && resp.direction == nil && resp.ownership == nil)
        #expect(resp.primaryBlocker == nil && resp.orgStage == nil && resp.weight == 1)
        #expect(resp.comment == "NA")
        let region = readText(requiredHeader + ",region,sector\nr1,o1,2026,ceo,1,NA,\n")
        #expect(region.accepted.first?.response.region == "NA")
        #expect(region.accepted.first?.response.sector == nil)
    }

    /// Required fields may not be empty or a missing-value token; ids are trimmed.
    @Test func requiredFields() {
        let r = readText(requiredHeader + "\n  ,o1,2026,ceo,1\nr2, o2 ,NA,,n/a\n r3 ,o3,2026,ceo,1\n")
        #expect(rendered(r) == [
            "t.csv:2:respondent_id: required: the respondent_id must be given",
            "t.csv:3:wave: \"NA\": required: the wave must be given",
            "t.csv:3:role: required: the role must be given",
            "t.csv:3:stage: \"n/a\": required: the stage must be given",
        ])
        #expect(r.accepted.map(\.response.respondentID) == ["r3"])
    }

    /// Sets: empty = none selected, a token = not answered, empty items ignored, repeats merged with a warning.
    @Test func sets() throws {
        let r = readRow(cells(["blockers": "", "signoff": "NA", "influences": "cfo;; CEO ;cfo;"]))
        let resp = try #require(r.accepted.first?.response)
        #expect(resp.blockers == [] && resp.signoff == nil && resp.influences == [.cfo, .ceo])
        #expect(rendered(r) == ["t.csv:2:influences: \"cfo\": warning: repeated item merged"])
        #expect(!r.hasErrors)
    }

    /// Priorities keep their order; more than the instrument's maximum or a repeat is an error.
    @Test func priorities() {
        let ok = readCells(["priorities": "talent; Cost efficiency;productivity"])
        #expect(ok.accepted.first?.response.priorities == [.talent, .costEfficiency, .productivity])
        let tooMany = readCells(["priorities": "talent;cost_efficiency;productivity;innovation"])
        #expect(rendered(tooMany) == [
            "t.csv:2:priorities: \"talent;cost_efficiency;productivity;innovation\": more than 3 priorities (at most 3, most important first)",
        ])
        let repeated = readCells(["priorities": "talent;Talent"])
        #expect(rendered(repeated) == [
            "t.csv:2:priorities: \"talent;Talent\": priority 'talent' is listed twice (a ranking cannot repeat an item)",
        ])
        let empty = readCells(["priorities": ""])
        #expect(empty.accepted.first?.response.priorities == nil)
    }

    /// A role may not name itself among its influences (after alias mapping); sign-off and ownership may.
    @Test func selfNomination() {
        let bad = readCells(["role": "CTO", "influences": "cfo;Chief Technology Officer"])
        #expect(rendered(bad) == [
            "t.csv:2:influences: \"cfo;Chief Technology Officer\": influences may not name the respondent's own role (cto)",
        ])
        let ok = readCells(["role": "cto", "signoff": "cto", "ownership": "cto"])
        #expect(ok.problems.isEmpty && ok.accepted.count == 1)
    }

    /// The primary blocker must be among the blockers when both are given.
    @Test func primaryBlocker() {
        let bad = readCells(["blockers": "roi_uncertainty;skills_gap", "primary_blocker": "security risk"])
        #expect(rendered(bad) == [
            "t.csv:2:primary_blocker: \"security risk\": the primary blocker is not among the blockers given",
        ])
        let noneSelected = readCells(["blockers": "", "primary_blocker": "skills_gap"])
        #expect(errorPlaces(noneSelected) == [Place(2, "primary_blocker")])
        let notAnswered = readCells(["blockers": "NA", "primary_blocker": "skills_gap"])
        #expect(notAnswered.problems.isEmpty)
        #expect(notAnswered.accepted.first?.response.primaryBlocker == .skillsGap)
    }

    /// Weight: finite decimals > 0 with spaces, `+` and exponents; hex, commas, zero, negatives and infinities rejected.
    @Test func weights() {
        for (text, value) in [(" +1.5 ", 1.5), ("2e-1", 0.2), (".5", 0.5), ("3.", 3.0), ("1E2", 100.0)] {
            #expect(readCells(["weight": text]).accepted.first?.response.weight == value, "\(text)")
        }
        let cases = [
            ("0x1p3", "not a number: weight must be a decimal number > 0"),
            ("1,5", "not a number: weight must be a decimal number > 0 written with a decimal point, not a comma"),
            ("0", "out of range: weight must be > 0"),
            ("-2", "out of range: weight must be > 0"),
            ("1e999", "out of range: weight must be a finite number > 0"),
            ("inf", "not a number: weight must be a decimal number > 0"),
        ]
        for (text, reason) in cases {
            let r = readCells(["weight": text])
            #expect(r.errors.map(\.reason) == [reason], "\(text)")
            #expect(r.errors.first?.column == "weight")
        }
    }

    /// Waves are normalised; malformed waves are rejected.
    @Test func waves() {
        let r = readText(requiredHeader + "\nr1,o1, 2026q1 ,ceo,1\nr2,o1,2026Q2,ceo,1\nr3,o1,2026-Q01,ceo,1\nr4,o1,Q1 2026,ceo,1\n")
        #expect(r.accepted.map(\.response.wave.description) == ["2026-Q1", "2026-Q2"])
        #expect(rendered(r) == [
            "t.csv:4:wave: \"2026-Q01\": malformed wave (expected a quarter such as 2026-Q1, a month such as 2026-03, or a year such as 2026)",
            "t.csv:5:wave: \"Q1 2026\": malformed wave (expected a quarter such as 2026-Q1, a month such as 2026-03, or a year such as 2026)",
        ])
    }

    /// The first valid wave fixes the granularity (even on a row rejected otherwise); other granularities are rejected.
    @Test func granularityFromFile() {
        let r = readText(requiredHeader + "\nr1,o1,bad,ceo,1\nr2,o1,2026-03,ceo,9\nr3,o1,2026-Q1,ceo,1\nr4,o1,2026-04,ceo,1\n")
        #expect(r.granularity == .month)
        #expect(errorPlaces(r) == [Place(2, "wave"), Place(3, "stage"), Place(4, "wave")])
        #expect(r.errors[2].reason == "wave is a quarter, but the file's waves are months (set by row 3); one study uses one granularity")
        #expect(r.accepted.map(\.row) == [5])
    }

    /// A caller's granularity (for example the store's) overrides the file's first wave.
    @Test func granularityFromCaller() {
        let r = readText(requiredHeader + "\nr1,o1,2026,ceo,1\nr2,o1,2026-Q1,ceo,1\n", granularity: .quarter)
        #expect(r.granularity == .quarter)
        #expect(rendered(r) == ["t.csv:2:wave: \"2026\": wave is a year, but the study's waves are quarters; one study uses one granularity"])
    }

    /// Within a file the first accepted (wave, respondent_id) stands and later ones are rejected;
    /// a rejected first occurrence does not block a later valid one.
    @Test func duplicateKeys() {
        let r = readText(requiredHeader + "\nr1,o1,2026-Q1,ceo,1\nr1,o2,2026q1,cfo,2\nr1,o1,2026-Q2,ceo,1\nr2,o1,2026-Q1,ceo,x\nr2,o1,2026-Q1,ceo,2\n")
        #expect(rendered(r) == [
            "t.csv:3:respondent_id: \"r1\": duplicate (wave, respondent_id) 2026-Q1: first given in row 2, which stands",
            "t.csv:5:stage: \"x\": unknown stage (expected 0...6 or a stage code such as piloting)",
        ])
        #expect(r.accepted.map(\.row) == [2, 4, 6])
        #expect(r.rejectedRows == 2)
    }

    /// A comment's text is never echoed in a message, and echoed values are cut to 80 characters.
    @Test func echoRules() {
        var bytes = Array((requiredHeader + ",comment,region\nr1,o1,2026,ceo,1,secret ").utf8)
        bytes += [0xFF]
        bytes += Array(",x\n".utf8)
        let r = readBytes(bytes)
        #expect(rendered(r) == ["t.csv:2:comment: invalid UTF-8 bytes: the file looks like Latin-1 (ISO-8859-1 or Windows-1252); convert it to UTF-8, for example with iconv -f WINDOWS-1252 -t UTF-8"])
        let long = String(repeating: "x", count: 200)
        let r2 = readCells(["role": long])
        #expect(r2.errors.first?.value == String(repeating: "x", count: 79) + "…")
    }

    /// Every row the reader sees is either accepted or has an error: nothing is dropped silently.
    @Test func noSilentDrops() {
        var lines = [fullHeader]
        let values = ["", "NA", "x", "1", "-1", "9", "ceo", "cfo;ceo", "2026-Q1", "\"a,b\"", "1e3", " "]
        var g = RandomGenerator(seed: 7, stream: 0)
        for k in 0..<400 {
            var row = ["r\(k % 50)", "o1", k % 7 == 0 ? "2026" : "2026-Q1", "cto", "3"]
            for _ in 5..<Response.fieldNames.count { row.append(values[g.nextInt(below: values.count)]) }
            row[g.nextInt(below: row.count)] = values[g.nextInt(below: values.count)]
            lines.append(row.joined(separator: ","))
        }
        let r = readText(lines.joined(separator: "\n"))
        let rejectedRows = Set(r.errors.map(\.row))
        #expect(r.rowsRead == 400)
        #expect(r.accepted.count + rejectedRows.count == r.rowsRead)
        #expect(rejectedRows.count == r.rejectedRows)
        #expect(Set(r.accepted.map(\.row)).isDisjoint(with: rejectedRows))
    }
}
