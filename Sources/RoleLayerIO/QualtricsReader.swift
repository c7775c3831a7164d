import RoleLayerCore

/// The three header rows of a Qualtrics CSV export:
///
/// 1. column ids (`StartDate`, `Status`, `Finished`, `ResponseId`, `Q5`, `Q7_1`, ...), which may
///    repeat when questions were copied;
/// 2. the question text (read but not used);
/// 3. one JSON object per column: `{"ImportId":"QID5"}`, `{"ImportId":"QID7_3"}` for choice 3 of a
///    question answered one column per choice, `{"ImportId":"QID7","choiceId":"3"}` (taken as
///    `QID7_3`), `{"ImportId":"recordedDate","timeZone":"America/Denver"}` for the metadata dates.
///
/// A mapping may name a column by its id (row 1) or its import id (row 3); a duplicated id must be
/// named by its import id. Dates are read in the `timeZone` of their column unless the mapping
/// gives a `source_time_zone`. The first response is row 4.
enum QualtricsHeader {
    enum Result {
        case success(SourceHeader)
        case failure([ImportProblem])
    }

    /// Reads the three decoded header rows; `lines` are their physical start lines.
    static func read(_ rows: [[String]], lines: [Int], file: String) -> Result {
        let names = rows[0]
        var problems: [ImportProblem] = []
        for r in 1..<3 where rows[r].count != names.count {
            problems.append(ImportProblem(
                file: file, row: r + 1, line: lines[r] == r + 1 ? nil : lines[r],
                reason: "header row \(r + 1) has \(rows[r].count) fields, row 1 has \(names.count)"))
        }
        if !problems.isEmpty { return .failure(problems) }

        var importIDs: [String?] = []
        var timeZones: [String?] = []
        var jsonCells = 0
        var bad: [(Int, String, String)] = []
        for (c, cell) in rows[2].enumerated() {
            if cell.isEmpty {
                importIDs.append(nil)
                timeZones.append(nil)
                continue
            }
            switch parseImportID(cell) {
            case .success(let id, let zone):
                jsonCells += 1
                importIDs.append(id)
                timeZones.append(zone)
            case .failure(let reason):
                if cell.hasPrefix("{") { jsonCells += 1 }
                bad.append((c, cell, reason))
                importIDs.append(nil)
                timeZones.append(nil)
            }
        }
        let place = lines[2] == 3 ? nil : lines[2]
        if jsonCells == 0 {
            return .failure([ImportProblem(
                file: file, row: 3, line: place,
                reason: "row 3 holds no import ids such as {\"ImportId\":\"QID5\"}: a Qualtrics export has three header rows (column ids, question text, import ids)")])
        }
        for (c, cell, reason) in bad {
            let name = names[c].isEmpty ? "column \(c + 1)" : names[c]
            problems.append(ImportProblem(file: file, row: 3, line: place, column: name, value: cell, reason: "import id: \(reason)"))
        }
        if !problems.isEmpty { return .failure(problems) }
        return .success(SourceHeader(names: names, importIDs: importIDs, timeZones: timeZones))
    }

    enum ImportID {
        case success(String, timeZone: String?)
        case failure(String)
    }

    /// One cell of the import-id row: a JSON object with a string `ImportId`, optionally
    /// `choiceId` (string or number) and `timeZone`. Parsed with the project's JSON parser.
    static func parseImportID(_ cell: String) -> ImportID {
        let bytes = Array(cell.utf8)
        let members: [JSONLineParser.Member]
        do {
            members = try bytes.withUnsafeBufferPointer { b throws(JSONLineParser.SyntaxError) in
                var parser = JSONLineParser(b, start: 0, end: b.count)
                return try parser.parseObjectLine()
            }
        } catch {
            return .failure("not a JSON object such as {\"ImportId\":\"QID5\"} (\(error.message))")
        }
        var id: String?
        var choice: String?
        var zone: String?
        for m in members {
            switch (m.key, m.value) {
            case ("ImportId", .string(let s)): id = s
            case ("choiceId", .string(let s)), ("choiceId", .number(let s)): choice = s
            case ("timeZone", .string(let s)): zone = s
            default: break
            }
        }
        guard let id, !id.isEmpty else { return .failure("no \"ImportId\" text in the object") }
        if let choice, !choice.isEmpty, !id.hasSuffix("_" + choice) {
            return .success(id + "_" + choice, timeZone: zone)
        }
        return .success(id, timeZone: zone)
    }
}
