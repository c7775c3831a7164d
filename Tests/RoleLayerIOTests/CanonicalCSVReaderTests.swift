import RoleLayerCore
import Testing
@testable import RoleLayerIO

/// Canonical CSV: encodings, delimiters, quoting, line ends, header rules and row numbering.
struct CanonicalCSVReaderTests {
    /// A full row of every field becomes the expected canonical record.
    @Test func fullRow() throws {
        let r = readText(fullHeader + "\n"
            + "r1,o1,2026-Q1,CTO,Piloting,5,4,ROI uncertainty;security_risk,security_risk,productivity;innovation,Shared,slow down,cfo;CEO,ceo,2,Finance,large,EMEA,1.5,hello\n")
        #expect(r.problems.isEmpty)
        #expect(r.rowsRead == 1 && r.rejectedRows == 0 && !r.hasErrors)
        let a = try #require(r.accepted.first)
        #expect(a.row == 2)
        let expected = Response(
            respondentID: "r1", organisationID: "o1", wave: Wave(parsing: "2026-Q1")!, role: .cto, stage: .piloting,
            confidence: 5, preparedness: 4, blockers: [.roiUncertainty, .securityRisk], primaryBlocker: .securityRisk,
            priorities: [.productivity, .innovation], ownership: .shared, direction: .slowDown,
            influences: [.cfo, .ceo], signoff: [.ceo], orgStage: .experimenting, sector: "Finance", sizeBand: "large",
            region: "EMEA", weight: 1.5, comment: "hello")
        #expect(a.response == expected)
        #expect(r.granularity == .quarter)
        #expect(r.format == .csv)
    }

    /// The parallel first pass finds the same records, rows and lines as one sequential scan
    /// wherever the segment cuts fall: inside quoted line breaks, at CR-only line ends, in blank
    /// lines, in a quote left open at the end.
    @Test func segmentedRecordScanMatchesSequential() {
        let text = "a,b,c\r\n\n" + (0..<40).map { k in
            switch k % 5 {
            case 0: "x\(k),\"multi\nline\r\nquoted\",z\n"
            case 1: "x\(k),y,z\r"
            case 2: "   \n\t\n"
            case 3: "x\(k),\"say \"\"hi\"\"\",z\r\n"
            default: "x\(k),a\"b,\"c\n\nd\"\n"
            }
        }.joined() + "last,\"open\nquote"
        let bytes = Array(text.utf8)
        let t = CSVTokenizer(delimiter: UInt8(ascii: ","))
        bytes.withUnsafeBufferPointer { b in
            // the reference: one record after the other from the start
            var expected: [CanonicalCSVReader.Span] = []
            var unused: [CSVTokenizer.Field] = []
            var i = 0, line = 1
            while i < b.count {
                let r = t.scanRecord(b, from: i, collect: false, fields: &unused)
                if !r.blank { expected.append(.init(start: r.start, row: expected.count + 1, line: line)) }
                line += r.lineBreaks
                i = r.next
            }
            #expect(expected.count == 34)
            for size in [Int.max, 200, 64, 13, 8, 5, 3, 2, 1] {
                #expect(CanonicalCSVReader.findRecords(b, from: 0, tokenizer: t, segmentBytes: size) == expected)
            }
        }
    }

    /// A UTF-8 byte-order mark is skipped and does not spoil the first column name.
    @Test func byteOrderMark() {
        let r = readBytes([0xEF, 0xBB, 0xBF] + Array((requiredHeader + "\nr1,o1,2026,ceo,1\n").utf8))
        #expect(r.problems.isEmpty)
        #expect(r.accepted.map(\.response.respondentID) == ["r1"])
    }

    /// `;` and tab delimiters are sniffed from the header line; a comma inside a `;` file is data.
    @Test func sniffedDelimiters() {
        let semi = readText("respondent_id;organisation_id;wave;role;stage;region\nr1;o1;2026;ceo;1;North, East\n")
        #expect(semi.problems.isEmpty)
        #expect(semi.accepted.first?.response.region == "North, East")
        let tab = readText("respondent_id\torganisation_id\twave\trole\tstage\nr1\to1\t2026\tcfo\t2\n")
        #expect(tab.problems.isEmpty)
        #expect(tab.accepted.first?.response.role == .cfo)
    }

    /// Delimiter ties go to `,` then `;` then tab; quoted delimiters in the header do not count.
    @Test func delimiterTiesAndQuotedHeader() {
        let bytes = Array("a;b,c\n".utf8)
        bytes.withUnsafeBufferPointer { #expect(CSVTokenizer.sniffDelimiter($0, from: 0) == UInt8(ascii: ",")) }
        let quoted = Array("\"a,b,c\";d;e\n".utf8)
        quoted.withUnsafeBufferPointer { #expect(CSVTokenizer.sniffDelimiter($0, from: 0) == UInt8(ascii: ";")) }
        let tabSemi = Array("a\tb;c\n".utf8)
        tabSemi.withUnsafeBufferPointer { #expect(CSVTokenizer.sniffDelimiter($0, from: 0) == UInt8(ascii: ";")) }
        let blankFirst = Array("  \n\na\tb\n".utf8)
        blankFirst.withUnsafeBufferPointer { #expect(CSVTokenizer.sniffDelimiter($0, from: 0) == 0x09) }
    }

    /// CRLF line ends are accepted and never leak into the last field.
    @Test func crlf() {
        let r = readText(requiredHeader + ",region\r\nr1,o1,2026,ceo,1,North\r\nr2,o1,2026,cfo,2,South\r\n")
        #expect(r.problems.isEmpty)
        #expect(r.accepted.map { $0.response.region } == ["North", "South"])
        #expect(r.accepted.map(\.row) == [2, 3])
    }

    /// Quoted fields keep embedded delimiters, doubled quotes and line breaks; the next record's
    /// problem reports its record number and the physical line it starts on.
    @Test func quotedFieldsAndPhysicalLines() {
        let text = requiredHeader + ",comment,region\n"
            + "r1,o1,2026,ceo,1,\"one, \"\"two\"\"\nthree\r\nfour\",North\n"
            + "r2,o1,2026,ceo,9,,South\n"
        let r = readText(text)
        #expect(r.accepted.first?.response.comment == "one, \"two\"\nthree\r\nfour")
        #expect(r.rowsRead == 2)
        #expect(rendered(r) == ["t.csv:3 (line 5):stage: \"9\": out of range: stage must be 0...6 or a stage code"])
        #expect(r.problems.first?.line == 5)
    }

    /// White-space-only lines are skipped and not counted as rows; line numbers still count them.
    @Test func blankLines() {
        let r = readText("\n" + requiredHeader + "\n\n  \t \nr1,o1,2026,ceo,1\n\nr2,o1,2026,ceo,x\n\n")
        #expect(r.rowsRead == 2)
        #expect(r.accepted.map(\.row) == [2])
        #expect(errorPlaces(r) == [Place(3, "stage")])
        #expect(r.problems.first?.line == 7)
    }

    /// An empty file (or one of blank lines only) is an error at row 0.
    @Test func emptyFile() {
        for text in ["", "\n \n\t\n"] {
            let r = readText(text)
            #expect(rendered(r) == ["t.csv:0:-: the file is empty (no header row)"])
            #expect(r.hasErrors && r.rowsRead == 0)
        }
    }

    /// A header without data rows is an error at row 1.
    @Test func headerOnly() {
        let r = readText(requiredHeader + "\n\n")
        #expect(rendered(r) == ["t.csv:1:-: the file has a header row but no data rows"])
        #expect(r.hasErrors)
    }

    /// A missing required column rejects the file at row 1, naming the column.
    @Test func missingRequiredColumn() {
        let r = readText("respondent_id,organisation_id,role,stage\nr1,o1,ceo,1\n")
        #expect(rendered(r) == ["t.csv:1:wave: required column missing"])
        #expect(r.accepted.isEmpty && r.rowsRead == 0 && r.hasErrors)
    }

    /// A known column given twice rejects the file; names match trimmed and in any case.
    @Test func duplicatedColumn() {
        let r = readText("respondent_id,organisation_id,wave,role,stage, Stage \nr1,o1,2026,ceo,1,2\n")
        #expect(rendered(r) == ["t.csv:1:stage: \"Stage\": column given twice (columns 5 and 6)"])
        let ok = readText(" Respondent_ID ,ORGANISATION_ID,\"wave\",Role,STAGE\nr1,o1,2026,ceo,1\n")
        #expect(ok.problems.isEmpty && ok.accepted.count == 1)
    }

    /// Each unknown column gives one warning and is ignored; rows are still accepted.
    @Test func unknownColumns() {
        let r = readText(requiredHeader + ",favourite_colour,,Notes\nr1,o1,2026,ceo,1,blue,x,y\nr2,o1,2026,ceo,1,red,x,y\n")
        #expect(rendered(r) == [
            "t.csv:1:favourite_colour: warning: unknown column; ignored",
            "t.csv:1:column 7: warning: column has no name; ignored",
            "t.csv:1:Notes: warning: unknown column; ignored",
        ])
        #expect(r.accepted.count == 2 && !r.hasErrors)
    }

    /// A quote inside an unquoted field (or text after a closing quote) rejects that row only.
    @Test func strayQuote() {
        let r = readText(requiredHeader + ",region\nr1,o1,2026,ceo,1,Nor\"th\nr2,o1,2026,ceo,1,\"South\"x\nr3,o1,2026,ceo,1,East\n")
        #expect(rendered(r) == [
            "t.csv:2:region: \"Nor\"th\": stray quote in an unquoted field (quote the whole field and double the quotes inside)",
            "t.csv:3:region: \"\"South\"x\": stray quote in an unquoted field (quote the whole field and double the quotes inside)",
        ])
        #expect(r.accepted.map(\.row) == [4])
        #expect(r.rejectedRows == 2)
    }

    /// A quote left open at the end of the file rejects the record where it opened, once,
    /// with its row and line; earlier records are unaffected.
    @Test func openQuoteAtEndOfFile() {
        let text = requiredHeader + ",region\nr1,o1,2026,ceo,1,\"a\nb\"\nr2,o1,2026,ceo,1,\"never closed\nr3,o1,2026,ceo,1,x\n"
        let r = readText(text)
        #expect(rendered(r) == [
            "t.csv:3 (line 4):region: a quote opened in this record is never closed; the rest of the file cannot be read",
        ])
        #expect(r.accepted.map(\.row) == [2])
        #expect(r.rowsRead == 2 && r.rejectedRows == 1)
    }

    /// Rows with too few or too many fields are rejected with both counts.
    @Test func fieldCounts() {
        let r = readText(requiredHeader + "\nr1,o1,2026,ceo\nr2,o1,2026,ceo,1,extra\nr3,o1,2026,ceo,1\n")
        #expect(rendered(r) == [
            "t.csv:2:-: too few fields: 4, the header has 5",
            "t.csv:3:-: too many fields: 6, the header has 5",
        ])
        #expect(r.accepted.map(\.row) == [4])
    }

    /// Invalid UTF-8 rejects the row with a Latin-1 hint when the bytes look like Latin-1; other rows proceed.
    @Test func invalidUTF8() {
        var bytes = Array((requiredHeader + ",region\nr1,o1,2026,ceo,1,").utf8)
        bytes += [0x5A, 0xFC, 0x72, 0x69, 0x63, 0x68]  // "Zürich" in Latin-1
        bytes += Array("\nr2,o1,2026,ceo,1,Z\u{FC}rich\nr3,o1,2026,ceo,1,".utf8)
        bytes += [0xC3, 0xA9, 0xFF]  // valid UTF-8 "é" then a bad byte: broken UTF-8, not Latin-1
        bytes += Array("\n".utf8)
        let r = readBytes(bytes)
        #expect(errorPlaces(r) == [Place(2, "region"), Place(4, "region")])
        #expect(r.errors[0].reason.hasPrefix("invalid UTF-8 bytes: the file looks like Latin-1"))
        #expect(r.errors[0].value == "Z\u{FFFD}rich")
        #expect(r.errors[1].reason == "invalid UTF-8 bytes")
        #expect(r.accepted.map(\.response.region) == ["Z\u{FC}rich"])
    }

    /// Invalid bytes in an unknown column still reject the row; a NUL character rejects its row.
    @Test func invalidBytesElsewhere() {
        var bytes = Array((requiredHeader + ",extra\nr1,o1,2026,ceo,1,").utf8)
        bytes += [0xE9]
        bytes += Array("\nr2,o1,2026,ce".utf8) + [0] + Array("o,1,x\n".utf8)
        let r = readBytes(bytes)
        #expect(errorPlaces(r) == [Place(2, "extra"), Place(3, "role")])
        #expect(r.errors[1].reason == "contains a NUL character")
        #expect(r.errors[1].value == "ce\u{2400}o")
        #expect(r.accepted.isEmpty)
    }

    /// A UTF-16 file is rejected as a whole with a clear message.
    @Test func utf16() {
        let r = readBytes([0xFF, 0xFE, 0x72, 0x00])
        #expect(rendered(r) == ["t.csv:0:-: the file is UTF-16 encoded; save it as UTF-8"])
    }

    /// A field over 1 MiB is rejected with its size; its value is shortened to 80 characters.
    @Test func oversizedField() {
        let big = String(repeating: "a", count: (1 << 20) + 1)
        let r = readText(requiredHeader + ",region\nr1,o1,2026,ceo,1,\(big)\nr2,o1,2026,ceo,1,ok\n")
        #expect(errorPlaces(r) == [Place(2, "region")])
        #expect(r.errors[0].reason == "value is longer than 1 MiB (1048577 bytes)")
        #expect(r.errors[0].value?.count == 80)
        #expect(r.accepted.map(\.row) == [3])
    }

    /// A file without a final line break reads its last row.
    @Test func noFinalLineBreak() {
        let r = readText(requiredHeader + "\nr1,o1,2026,ceo,1")
        #expect(r.accepted.count == 1 && r.problems.isEmpty)
    }

    /// The file reader names missing files and directories with an InputError (exit status 2).
    @Test func unreadableInput() {
        #expect(throws: InputError(path: "/nonexistent/x.csv", reason: "no such file")) {
            try ResponseReader().read(path: "/nonexistent/x.csv")
        }
        #expect(throws: InputError(path: "/tmp", reason: "is a directory, not a file")) {
            try ResponseReader().read(path: "/tmp")
        }
    }

    /// Reading from a path gives the same report as reading the bytes.
    @Test func readsFromPath() throws {
        let path = FileManagerShim.temporaryPath("readsFromPath.csv")
        let text = requiredHeader + "\nr1,o1,2026,ceo,1\nr2,o1,2026,ceo,9\n"
        FileManagerShim.write(text, to: path)
        defer { FileManagerShim.remove(path) }
        let r = try ResponseReader().read(path: path)
        #expect(r.file == path)
        #expect(r.accepted.count == 1)
        #expect(errorPlaces(r) == [Place(3, "stage")])
    }

    /// Format detection: extension first, then the first non-blank byte.
    @Test func formatDetection() {
        #expect(InputFormat.detect(fileName: "a.JSONL", bytes: Array("x".utf8)) == .jsonLines)
        #expect(InputFormat.detect(fileName: "a.ndjson", bytes: []) == .jsonLines)
        #expect(InputFormat.detect(fileName: "a.txt", bytes: [0xEF, 0xBB, 0xBF] + Array("\n  {\"a\":1}".utf8)) == .jsonLines)
        #expect(InputFormat.detect(fileName: "a.csv", bytes: Array("respondent_id".utf8)) == .csv)
        #expect(InputFormat.detect(fileName: "a", bytes: []) == .csv)
    }
}
