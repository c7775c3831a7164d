extension CSVTokenizer {
    /// The structural problems of one record, shared by the canonical and the mapped readers
    /// (data.md "Malformed quoting", "Sizes" and the field count): a record over 16 MiB, a quote
    /// left open at the end of the file, a stray quote in an unquoted field, too few or too many
    /// fields. A record with any of them is rejected without reading its fields.
    ///
    /// - Parameters:
    ///   - rec: the scanned record; `fields` its fields; `b` the file's bytes.
    ///   - columnCount: the header's number of columns.
    ///   - columnName: the name a problem in column `c` is reported under.
    ///   - isComment: whether column `c` is the free-text comment (its value is never echoed).
    ///   - problems: receives the problems.
    /// - Returns: `true` when the record has a structural problem.
    static func structuralProblems(
        _ rec: Record, fields: [Field], bytes b: UnsafeBufferPointer<UInt8>, columnCount: Int,
        columnName: (Int) -> String?, isComment: (Int) -> Bool, into problems: inout [RowProblem]
    ) -> Bool {
        if rec.end - rec.start > TextDecoding.maximumRecordBytes {
            problems.append(RowProblem(position: -1, column: nil, value: nil,
                                       reason: "record is longer than 16 MiB (\(rec.end - rec.start) bytes)", severity: .error))
            return true
        }
        if rec.openQuote {
            let c = fields.count - 1
            problems.append(RowProblem(
                position: c, column: columnName(c), value: nil,
                reason: "a quote opened in this record is never closed; the rest of the file cannot be read", severity: .error))
            return true
        }
        var structural = false
        for (c, f) in fields.enumerated() where f.strayQuote {
            let echo = isComment(c) ? nil : TextDecoding.decode(UnsafeBufferPointer(rebasing: b[f.start..<f.end]), mayHoldNUL: true).echo
            problems.append(RowProblem(
                position: c, column: columnName(c), value: echo,
                reason: "stray quote in an unquoted field (quote the whole field and double the quotes inside)", severity: .error))
            structural = true
        }
        if fields.count != columnCount {
            let which = fields.count < columnCount ? "too few" : "too many"
            problems.append(RowProblem(
                position: -1, column: nil, value: nil,
                reason: "\(which) fields: \(fields.count), the header has \(columnCount)", severity: .error))
            structural = true
        }
        return structural
    }
}
