import Foundation
import RoleLayerCore
import Testing
@testable import RoleLayerIO

/// JSON Lines: one object per line, the same rules as CSV, plus JSON's own types and escapes.
struct JSONLinesReaderTests {
    private func read(_ lines: [String], name: String = "t.jsonl", granularity: Wave.Granularity? = nil) -> ReadReport {
        readText(lines.joined(separator: "\n") + "\n", name: name, granularity: granularity)
    }

    private let base = #""respondent_id":"r1","organisation_id":"o1","wave":"2026-Q1","role":"cto","stage":3"#

    /// Arrays, JSON numbers and numeric strings give the same record as the CSV row.
    @Test func fullObject() throws {
        let line = #"{"respondent_id":" r1 ","organisation_id":"o1","wave":"2026q1","role":"CTO","stage":"Piloting","confidence":5,"preparedness":"4","blockers":["ROI uncertainty","security_risk"],"primary_blocker":"security_risk","priorities":["productivity","innovation"],"ownership":"shared","direction":-1,"influences":["cfo","CEO"],"signoff":["ceo"],"org_stage":2.0,"sector":"Finance","size_band":"large","region":"EMEA","weight":1.5e0,"comment":"caf\u00e9 \ud83d\ude00"}"#
        let r = read([line])
        #expect(r.problems.isEmpty)
        #expect(r.format == .jsonLines)
        let resp = try #require(r.accepted.first?.response)
        let expected = Response(
            respondentID: "r1", organisationID: "o1", wave: Wave(parsing: "2026-Q1")!, role: .cto, stage: .piloting,
            confidence: 5, preparedness: 4, blockers: [.roiUncertainty, .securityRisk], primaryBlocker: .securityRisk,
            priorities: [.productivity, .innovation], ownership: .shared, direction: .slowDown,
            influences: [.cfo, .ceo], signoff: [.ceo], orgStage: .experimenting, sector: "Finance", sizeBand: "large",
            region: "EMEA", weight: 1.5, comment: "café 😀")
        #expect(resp == expected)
    }

    /// `null` and an absent key are "not answered"; `[]` is "none selected"; a year wave may be a number.
    @Test func nullAbsentEmpty() throws {
        let r = read([#"{"respondent_id":"r1","organisation_id":"o1","wave":2026,"role":"cto","stage":0,"blockers":[],"influences":null,"confidence":null,"priorities":[]}"#])
        #expect(r.problems.isEmpty)
        let resp = try #require(r.accepted.first?.response)
        #expect(resp.blockers == [] && resp.influences == nil && resp.signoff == nil && resp.confidence == nil)
        #expect(resp.priorities == [] && resp.wave.description == "2026")
    }

    /// Booleans, arrays and objects where a single value is expected reject the row, naming the key.
    @Test func wrongTypes() {
        let r = read([#"{"respondent_id":"r1","organisation_id":"o1","wave":"2026-Q1","stage":3,"confidence":true,"role":["cto"]}"#,
                      "{\(base),\"region\":{\"a\":1},\"blockers\":[\"other\",null]}"])
        #expect(rendered(r) == [
            "t.jsonl:1:confidence: expected a single value, got a boolean",
            "t.jsonl:1:role: expected a single value, got an array",
            "t.jsonl:2:region: expected a single value, got an object",
            "t.jsonl:2:blockers: array items must be strings",
        ])
    }

    /// A key repeated within one object rejects the row; so do two spellings of one field.
    @Test func repeatedKeys() {
        let r = read(["{\(base),\"stage\":4}", "{\(base),\"Stage\":4}", "{\(base)}"])
        #expect(rendered(r) == [
            "t.jsonl:1:stage: key repeated in one object",
            "t.jsonl:2:stage: field given twice in one object (as different spellings of stage)",
        ])
        #expect(r.accepted.map(\.row) == [3])
    }

    /// Unknown keys warn once per file at their first line, counting later lines; nested values are skipped.
    @Test func unknownKeys() {
        let r = read(["{\(base),\"extra\":{\"deep\":[1,2,{\"x\":null}]}}",
                      "{\(base.replacingFirst("r1", with: "r2")),\"extra\":1,\"other\":2}",
                      "{\(base.replacingFirst("r1", with: "r3")),\"extra\":1}"])
        #expect(rendered(r) == [
            "t.jsonl:1:extra: warning: unknown key; ignored (also in 2 later lines)",
            "t.jsonl:2:other: warning: unknown key; ignored",
        ])
        #expect(r.accepted.count == 3 && !r.hasErrors)
    }

    /// A byte-order mark and CRLF are tolerated; blank lines are skipped but rows stay line numbers.
    @Test func bomCRLFAndLineNumbers() {
        let text = "\u{FEFF}{\(base)}\r\n\r\n   \r\n{\(base.replacingFirst("r1", with: "r2").replacingFirst("\"stage\":3", with: "\"stage\":9"))}\r\n"
        let r = readText(text, name: "t.ndjson")
        #expect(r.rowsRead == 2)
        #expect(rendered(r) == ["t.ndjson:4:stage: \"9\": out of range: stage must be 0...6 or a stage code"])
        #expect(r.accepted.map(\.row) == [1])
    }

    /// Malformed JSON rejects its line with the byte where it broke; the other lines proceed.
    @Test func malformedLines() {
        let r = read(["{\(base)", "[1,2]", "{\(base.replacingFirst("r1", with: "r2"))} x", "{\(base.replacingFirst("r1", with: "r3"))}",
                      "{\"a\":01}", "{\"a\":\"\\q\"}"])
        #expect(rendered(r) == [
            "t.jsonl:1:-: malformed JSON at byte 85: expected ',' or '}'",
            "t.jsonl:2:-: malformed JSON at byte 1: expected a JSON object '{'",
            "t.jsonl:3:-: malformed JSON at byte 87: unexpected text after the object",
            "t.jsonl:5:-: malformed JSON at byte 7: expected ',' or '}'",
            "t.jsonl:6:-: malformed JSON at byte 7: invalid escape '\\q'",
        ])
        #expect(r.accepted.map(\.row) == [4])
    }

    /// Lone surrogate escapes, escaped NUL and invalid UTF-8 reject the row, naming the key.
    @Test func badStrings() {
        var bytes = Array(("{\(base),\"region\":\"\\ud800x\"}\n{\(base),\"sector\":\"a\\u0000b\"}\n{\(base),\"size_band\":\"").utf8)
        bytes += [0x47, 0x72, 0xF6, 0xDF, 0x65]  // "Größe" in Latin-1
        bytes += Array("\"}\n{\(base),\"influences\":[\"cfo\",\"\\udc00\"]}\n".utf8)
        let r = readBytes(bytes, name: "t.jsonl")
        #expect(errorPlaces(r) == [Place(1, "region"), Place(2, "sector"), Place(3, "size_band"), Place(4, "influences")])
        #expect(r.errors[0].reason == "a lone surrogate escape (\\uD800...\\uDFFF without its pair) is not text")
        #expect(r.errors[1].reason == "contains a NUL character")
        #expect(r.errors[2].reason.hasPrefix("invalid UTF-8 bytes: the file looks like Latin-1"))
        #expect(r.accepted.isEmpty && r.rejectedRows == 4)
    }

    /// Duplicate (wave, respondent_id) and granularity rules apply to JSON Lines too.
    @Test func wholeFileRules() {
        let r = read(["{\(base)}", "{\(base.replacingFirst("2026-Q1", with: "2026-q1"))}",
                      "{\(base.replacingFirst("2026-Q1", with: "2026"))}"])
        #expect(rendered(r) == [
            "t.jsonl:2:respondent_id: \"r1\": duplicate (wave, respondent_id) 2026-Q1: first given in row 1, which stands",
            "t.jsonl:3:wave: \"2026\": wave is a year, but the file's waves are quarters (set by row 1); one study uses one granularity",
        ])
    }

    /// Missing required keys are reported each; an empty file is an error at row 0.
    @Test func requiredKeysAndEmpty() {
        let r = read([#"{"respondent_id":"r1","wave":"2026","stage":null}"#])
        #expect(rendered(r) == [
            "t.jsonl:1:stage: required: the stage must be given",
            "t.jsonl:1:organisation_id: required: the organisation_id must be given",
            "t.jsonl:1:role: required: the role must be given",
        ])
        #expect(rendered(readText("\n \n", name: "e.jsonl")) == ["e.jsonl:0:-: the file is empty (no JSON lines)"])
        #expect(read(["{}"]).errors.count == 5)
    }
}

extension String {
    /// The string with the first occurrence of `target` replaced.
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let r = range(of: target) else { return self }
        return replacingCharacters(in: r, with: replacement)
    }
}
