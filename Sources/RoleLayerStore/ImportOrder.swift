import RoleLayerCore

/// The order in which an import visits one batch's records: the store's key order, so the
/// `WITHOUT ROWID` primary-key B-tree of `responses` grows by appends instead of random inserts.
///
/// The store orders keys by the wave's text and then the respondent id, both byte-wise (SQLite's
/// BINARY collation). Records with the same key keep their input order, so the first occurrence
/// of a repeated key is still visited first (it is the one stored or compared; later ones are
/// the duplicates).
///
/// A batch with any non-ASCII respondent id keeps its input order: the import's own bookkeeping
/// of keys (``RecordKey``, Swift `String` equality) treats canonically equivalent ids as equal
/// while SQLite tells them apart by their bytes, and only input order gives exactly the same
/// outcome then. For ASCII ids the two equalities agree.
enum ImportOrder {
    /// The positions `0..<records.count`, sorted by (wave text, respondent id, position), byte-wise;
    /// in input order when any respondent id is not ASCII.
    static func positions(_ records: [(response: Response, row: Int)]) -> [Int] {
        guard records.count > 1 else { return Array(records.indices) }
        // Each wave's rank in byte order of its text (a study has a handful of waves).
        var waveRank: [Wave: UInt32] = [:]
        for i in records.indices where waveRank[records[i].response.wave] == nil {
            waveRank[records[i].response.wave] = 0
        }
        let waves = waveRank.keys.sorted { Array($0.description.utf8).lexicographicallyPrecedes(Array($1.description.utf8)) }
        for (rank, wave) in waves.enumerated() { waveRank[wave] = UInt32(rank) }

        var entries: [Entry] = []
        entries.reserveCapacity(records.count)
        var lastWave: Wave?
        var lastRank: UInt32 = 0
        // Through the buffer, each record's fields are read in place (no copy of the record).
        let allASCII = records.withUnsafeBufferPointer { buffer in
            for position in buffer.indices {
                let wave = buffer[position].response.wave
                if wave != lastWave {
                    lastWave = wave
                    lastRank = waveRank[wave]!
                }
                guard let (hi, lo) = prefix(buffer[position].response.respondentID) else { return false }
                entries.append(Entry(wave: lastRank, hi: hi, lo: lo, position: position))
            }
            return true
        }
        guard allASCII else { return Array(records.indices) }
        entries.sort { a, b in
            if a.wave != b.wave { return a.wave < b.wave }
            if a.hi != b.hi { return a.hi < b.hi }
            if a.lo != b.lo { return a.lo < b.lo }
            // The first 16 bytes are equal: compare the whole ids (rare but for repeated keys).
            let ia = records[a.position].response.respondentID
            let ib = records[b.position].response.respondentID
            if !ia.utf8.elementsEqual(ib.utf8) { return ia.utf8.lexicographicallyPrecedes(ib.utf8) }
            return a.position < b.position
        }
        return entries.map(\.position)
    }

    /// One record's sort key: wave rank, the first 16 bytes of the respondent id (big-endian,
    /// zero-padded, so integer order is byte order), and its position.
    private struct Entry {
        var wave: UInt32
        var hi: UInt64
        var lo: UInt64
        var position: Int
    }

    /// The first 16 UTF-8 bytes of `id` as two big-endian integers, zero-padded; `nil` when `id`
    /// is not ASCII.
    private static func prefix(_ id: String) -> (UInt64, UInt64)? {
        var hi: UInt64 = 0
        var lo: UInt64 = 0
        var k = 0
        for byte in id.utf8 {
            if byte >= 0x80 { return nil }
            if k < 8 {
                hi |= UInt64(byte) << (56 - 8 * k)
            } else if k < 16 {
                lo |= UInt64(byte) << (56 - 8 * (k - 8))
            }
            k += 1
        }
        return (hi, lo)
    }
}
