import Foundation
import RoleLayerCore
import Testing
@testable import RoleLayerIO

/// Plain CSV exports read through a mapping: value maps, missing values, multi-select in one
/// column, constants, keys, filters counted by name, dates into waves, and problems that name
/// the source column.
struct MappedCSVReaderTests {
    static let mapping = """
        format: csv
        respondent: Id
        organisation: none
        missing_values: [NA, "-"]
        constants:
          wave: "2024"
        filters:
          - name: tests
            column: Kind
            in: [test, preview]
          - name: not employed
            column: Employed
            not_in: ["Yes"]
          - name: no role
            column: Job
            missing: true
        fields:
          role:
            column: Job
            values:
              Boss: ceo
              Big boss: ceo
              Money person: cfo
          stage:
            column: Use
            values:
              Never: not_started
              Soon: evaluating
              Daily: scaled
          confidence: Mood
          blockers:
            column: Problems
            separator: "|"
            empty: not_answered
            values:
              "Risky | unsafe": security_risk
              Costly: budget_constraints
              Nothing: null
          region: Country
          sector:
            column: Industry
            values: {"Other:": Other}
        """

    static let header = "Id,Kind,Employed,Job,Use,Mood,Problems,Country,Industry\n"

    /// Several labels map to one code; a null target drops a multi-select item; the separator
    /// inside a known label is kept; `NA` and `-` are missing in every column, free text included;
    /// an empty multi-select is "not answered" as the mapping says; no organisations.
    @Test func valuesAndMultiSelect() throws {
        let text = Self.header + """
            1,live,Yes,Boss,Daily,5,Risky | unsafe|Costly,NA,Other:
            2,live,Yes,Big boss,Soon,-,Nothing,Chad,Banking
            3,live,Yes,Money person,Never,NA,,-,
            4,live,Yes,cto,Piloting,7,Costly|Costly,Peru,NA

            """
        let r = try readExport(text, mapping: Self.mapping)
        #expect(r.accepted.count == 4 && r.errors.isEmpty)
        let a = byRespondent(r)
        #expect(a["1"]?.role == .ceo && a["1"]?.stage == .scaled && a["1"]?.confidence == 5)
        #expect(a["1"]?.blockers == [.securityRisk, .budgetConstraints])
        #expect(a["1"]?.region == nil && a["1"]?.sector == "Other")
        #expect(a["2"]?.role == .ceo && a["2"]?.confidence == nil && a["2"]?.blockers == [])
        #expect(a["3"]?.role == .cfo && a["3"]?.stage == .notStarted && a["3"]?.blockers == nil && a["3"]?.region == nil)
        #expect(a["4"]?.role == .cto && a["4"]?.stage == .piloting && a["4"]?.blockers == [.budgetConstraints])
        #expect(a["4"]?.sector == nil)
        #expect(r.accepted.allSatisfy { $0.response.organisationID == nil && $0.response.wave.description == "2024" })
        #expect(rendered(r) == ["e.csv:5:Problems: \"budget_constraints\": warning: repeated item merged"])
    }

    /// A row counts under the first filter it matches; filtered rows are neither accepted nor
    /// rejected and are not validated; the counts add up.
    @Test func filtersCounted() throws {
        let text = Self.header + """
            1,test,No,,x,x,,,
            2,Preview,Yes,Boss,Daily,5,,,
            3,live,No,Boss,Daily,5,,,
            4,live,,Boss,Daily,5,,,
            5,live,Yes,NA,Daily,5,,,
            6,live,Yes,Boss,Daily,5,,,
            7,live,Yes,Boss,Sometimes,5,,,

            """
        let r = try readExport(text, mapping: Self.mapping)
        #expect(r.filtered == ["tests": 2, "not employed": 2, "no role": 1])
        #expect(r.filteredRows == 5 && r.accepted.count == 1 && r.rejectedRows == 1 && accountedFor(r))
        #expect(rendered(r) == ["e.csv:8:Use: \"Sometimes\": unknown stage (expected 0...6 or a stage code such as piloting)"])
    }

    /// Problems name the source column; the whole-file rules (duplicates) do too.
    @Test func problemsNameSourceColumns() throws {
        let text = Self.header + """
            1,live,Yes,Janitor,Daily,9,Fun,,
            1,live,Yes,Boss,Daily,5,,,
            1,live,Yes,Boss,Daily,5,,,

            """
        let r = try readExport(text, mapping: Self.mapping)
        #expect(rendered(r) == [
            "e.csv:2:Job: \"Janitor\": unknown role (not a role code, label or alias of the instrument)",
            "e.csv:2:Mood: \"9\": out of range: confidence must be an integer 1...7",
            "e.csv:2:Problems: \"Fun\": unknown blocker (not a blocker code, label or alias of the instrument)",
            "e.csv:4:Id: \"1\": duplicate (wave, respondent_id) 2024: first given in row 3, which stands",
        ])
    }

    /// A column the mapping names but the file lacks rejects the file at row 1, naming the
    /// mapping line; a header-only file is an error; a UTF-16 file is refused.
    @Test func fileLevelProblems() throws {
        let missing = try readExport("Id,Kind,Employed,Job,Use,Mood,Problems,Country\n1,live,Yes,Boss,Daily,5,,\n", mapping: Self.mapping)
        #expect(rendered(missing) == ["e.csv:1:Industry: the column of sector named by the mapping (m.yaml:41) is not in the file"])
        #expect(missing.rowsRead == 0)
        let headerOnly = try readExport(Self.header, mapping: Self.mapping)
        #expect(rendered(headerOnly) == ["e.csv:1:-: the file has a header row but no data rows"])
        let utf16 = try readExport(bytes: [0xFF, 0xFE, 0x41, 0x00], mapping: Self.mapping)
        #expect(utf16.errors.first?.reason == "the file is UTF-16 encoded; save it as UTF-8")
        let empty = try readExport("", mapping: Self.mapping)
        #expect(rendered(empty) == ["e.csv:0:-: the file is empty (no header row)"])
    }

    /// Structural problems and encodings are checked as in canonical CSV, in columns the mapping
    /// does not read too; a filter still applies before encoding problems of other columns.
    @Test func structureAndEncoding() throws {
        var bytes = Array((Self.header + "1,live,Yes,Boss,Daily,5,,,\n2,live,Yes,Boss\n3,live,Yes,Boss,Daily,5,,,Caf").utf8)
        bytes += [0xE9] + Array("\n4,test,Yes,Boss,Daily,5,,,Caf".utf8) + [0xE9, 0x0A]
        let r = try readExport(bytes: bytes, mapping: Self.mapping)
        #expect(r.accepted.map(\.row) == [2])
        #expect(r.filtered == ["tests": 1])
        #expect(errorPlaces(r) == [Place(3, nil), Place(4, "Industry")])
        #expect(r.errors.last?.reason.contains("Latin-1") == true)
    }

    /// A wave from a date column: months in Asia/Tokyo for dates written in UTC, the granularity
    /// taken from the first wave; a date-only value is placed as written.
    @Test func waveFromDate() throws {
        let mapping = """
            format: csv
            respondent: id
            organisation: org
            fields:
              wave: {column: when, date: month, time_zone: Asia/Tokyo, source_time_zone: UTC}
              role: role
              stage: stage
            """
        let text = """
            id,org,when,role,stage
            1,o,2025-01-31 14:59:59,cfo,1
            2,o,2025-01-31 15:00:00,cfo,1
            3,o,2025-01-31,cfo,1
            4,o,2025-02-10T08:00:00+09:00,cfo,1
            5,o,2025-02-30 10:00:00,cfo,1
            6,o,NA,cfo,1

            """
        let r = try readExport(text, mapping: mapping)
        let a = byRespondent(r)
        #expect(a["1"]?.wave.description == "2025-01" && a["2"]?.wave.description == "2025-02")
        #expect(a["3"]?.wave.description == "2025-01" && a["4"]?.wave.description == "2025-02")
        #expect(a["1"]?.organisationID == "o")
        #expect(r.granularity == .month)
        #expect(errorPlaces(r) == [Place(6, "when"), Place(7, "when")])
        #expect(r.errors.last?.reason == "required: the wave must be given")
    }

    /// Split columns in a plain CSV: `Y` and `1` select by default, `N`, `0` and empty do not,
    /// `NA` in every column is not answered.
    @Test func splitColumns() throws {
        let mapping = """
            format: csv
            respondent: id
            organisation: none
            constants: {wave: 2026}
            fields:
              role: role
              stage: stage
              influences:
                columns:
                  - {column: inf_ceo, value: ceo}
                  - {column: inf_cfo, value: cfo}
                empty: not_answered
            """
        let text = "id,role,stage,inf_ceo,inf_cfo\n1,cto,1,Y,1\n2,cto,1,N,0\n3,cto,1,NA,NA\n4,cto,1,yes,\n"
        let r = try readExport(text, mapping: mapping)
        let a = byRespondent(r)
        #expect(a["1"]?.influences == [.ceo, .cfo])
        #expect(a["2"]?.influences == nil && a["3"]?.influences == nil)
        #expect(rendered(r) == ["e.csv:5:inf_ceo: \"yes\": not a selected marker (expected Y, 1, or empty when not selected)"])
    }

    /// Priorities from one delimited column keep their order; an empty cell is "not answered"
    /// (as in canonical CSV) unless the mapping says `empty: none_selected`.
    @Test func priorities() throws {
        let mapping = """
            format: csv
            respondent: id
            organisation: none
            constants: {wave: 2026}
            fields:
              role: role
              stage: stage
              priorities: {column: p, values: {Growth: revenue_growth}}
            """
        let text = "id,role,stage,p\n1,cto,1,Growth;talent;productivity\n2,cto,1,\n"
        let a = byRespondent(try readExport(text, mapping: mapping))
        #expect(a["1"]?.priorities == [.revenueGrowth, .talent, .productivity])
        #expect(a["2"] != nil && a["2"]?.priorities == nil)
        let none = mapping.replacingOccurrences(of: "values: {Growth: revenue_growth}}", with: "empty: none_selected}")
        #expect(byRespondent(try readExport(text, mapping: none))["2"]?.priorities == [])
    }

    /// The canonical path is untouched: a canonical file read without a mapping has no filters.
    @Test func canonicalUnchanged() {
        let r = readText(requiredHeader + "\nr1,o1,2026,ceo,1\n")
        #expect(r.filtered.isEmpty && r.filteredRows == 0 && r.accepted.count == 1)
    }
}

/// Response dates: the accepted forms and their waves across time zones.
struct ResponseDateTests {
    /// Accepted and rejected spellings.
    @Test func forms() {
        for ok in ["2024-03-31", "2024-03-31 23:30", "2024-03-31 23:30:00", "2024-03-31T23:30:00.123", "2024-03-31 23:30:00Z",
                   "2024-03-31T23:30:00+01:00", "2024-03-31 23:30:00 -0700", "2024-02-29 00:00:00", " 2024-03-31 "] {
            #expect(ResponseDate(parsing: ok) != nil, "\(ok)")
        }
        for bad in ["31/03/2024", "2024-3-31", "2023-02-29", "2024-03-31 24:00", "2024-03-31 23:30:00 CET", "2024-13-01",
                    "2024-03-31T", "", "2024-03-31 23:30:00+1"] {
            #expect(ResponseDate(parsing: bad) == nil, "\(bad)")
        }
        #expect(ResponseDate(parsing: "2024-03-31T23:30:00-07:30")?.offset == -(7 * 3600 + 1800))
    }

    /// A date-time is placed into the wave of the target zone, across daylight-saving changes
    /// and year ends; far from a month's end no conversion is needed.
    @Test func waves() throws {
        let london = ResponseDate.calendar(try #require(ResponseDate.timeZone("Europe/London")))
        let denver = ResponseDate.calendar(try #require(ResponseDate.timeZone("America/Denver")))
        let utc = ResponseDate.calendar(try #require(ResponseDate.timeZone("UTC")))
        func wave(_ s: String, _ g: Wave.Granularity, _ source: Calendar?, _ target: Calendar) -> String? {
            ResponseDate(parsing: s)?.wave(granularity: g, source: source, target: target)?.description
        }
        #expect(wave("2024-12-31 17:30:00", .year, denver, london) == "2025")
        #expect(wave("2024-12-31 16:59:00", .year, denver, london) == "2024")
        #expect(wave("2025-01-01 00:30:00", .quarter, london, denver) == "2024-Q4")
        #expect(wave("2024-06-15 23:00:00", .month, denver, london) == "2024-06")
        #expect(wave("2024-06-30 23:30:00Z", .month, nil, london) == "2024-07")
        #expect(wave("2024-06-30 23:30:00", .month, nil, london) == "2024-06")
        #expect(wave("2024-10-31 23:30:00", .month, utc, london) == "2024-10")  // GMT again after 27 October
        #expect(wave("2024-03-31 23:30:00", .month, utc, london) == "2024-04")  // BST from 31 March
        #expect(ResponseDate.timeZone("Mars/Olympus") == nil && ResponseDate.timeZone("z") != nil)
    }
}
