/// A memo of values by text, for the per-worker caches of the readers: cell texts and codes
/// repeat from row to row. A `Dictionary` hashes each `String` key with SipHash, the largest
/// single cost of validation at 1M rows; this table hashes ASCII text a word at a time into an
/// open-addressing table, and can be probed with the raw bytes of a cell before any `String`
/// is made.
///
/// Same answers as a `[String: Value]`: keys are compared with `String` equality. Keys with a
/// byte above 0x7F (whose equality is Unicode canonical equivalence, not byte equality) are
/// kept in a plain dictionary beside the table.
struct TextMemo<Value> {
    /// Per slot: the key's hash (never 0), or 0 for an empty slot; a power-of-two count, at most half full.
    private var hashes: [UInt64] = []
    /// Per slot: where the key's bytes are in `bytes` (so that probing never touches a `String`).
    private var spans: [Range<Int>] = []
    private var keys: [String] = []
    private var values: [Value?] = []
    /// The ASCII keys' bytes, one after the other.
    private var bytes: [UInt8] = []
    /// Entries in the table.
    private var tableCount = 0
    /// Keys that are not ASCII.
    private var other: [String: Value] = [:]

    /// Entries held.
    var count: Int { tableCount + other.count }

    /// The value remembered for `key`, if any.
    func value(for key: String) -> Value? {
        let found: Int?? = key.utf8.withContiguousStorageIfAvailable { u in
            guard let hash = Self.asciiHash(bytes: u) else { return nil }
            return slot(hash: hash, bytes: u)
        }
        switch found {
        case .some(.some(let i)): return i < 0 ? nil : values[i]
        case .some(.none), .none: return other[key]  // not ASCII (or not contiguous)
        }
    }

    /// The ASCII key whose bytes are `text`, if remembered. Non-ASCII bytes give `nil`.
    func key(bytes text: UnsafeBufferPointer<UInt8>) -> String? {
        guard let hash = Self.asciiHash(bytes: text) else { return nil }
        let i = slot(hash: hash, bytes: text)
        return i < 0 ? nil : keys[i]
    }

    /// Remembers `value` for `key` (which must not be there yet).
    mutating func insert(_ key: String, _ value: Value) {
        guard let hash = Self.hash(key) else {
            other[key] = value
            return
        }
        if (tableCount + 1) * 2 > hashes.count { grow() }
        let mask = hashes.count - 1
        var i = Int(truncatingIfNeeded: hash) & mask
        while hashes[i] != 0 { i = (i + 1) & mask }
        hashes[i] = hash
        let start = bytes.count
        bytes.append(contentsOf: key.utf8)
        spans[i] = start..<bytes.count
        keys[i] = key
        values[i] = value
        tableCount += 1
    }

    /// Remembers `key` with `value` when it is ASCII (the only keys ``key(bytes:)`` finds) and
    /// not there yet; does nothing otherwise.
    mutating func insertIfASCII(_ key: String, _ value: Value) {
        guard Self.hash(key) != nil, self.value(for: key) == nil else { return }
        insert(key, value)
    }

    /// The slot holding the ASCII key with bytes `text` and hash `hash`, or -1.
    private func slot(hash: UInt64, bytes text: UnsafeBufferPointer<UInt8>) -> Int {
        if hashes.isEmpty { return -1 }
        let mask = hashes.count - 1
        var i = Int(truncatingIfNeeded: hash) & mask
        return hashes.withUnsafeBufferPointer { hashes in
            spans.withUnsafeBufferPointer { spans in
                bytes.withUnsafeBufferPointer { stored in
                    while true {
                        let h = hashes[i]
                        if h == 0 { return -1 }
                        if h == hash && spans[i].count == text.count
                            && (text.count == 0 || bytesEqual(stored.baseAddress! + spans[i].lowerBound, text.baseAddress!, text.count)) {
                            return i
                        }
                        i = (i + 1) & mask
                    }
                }
            }
        }
    }

    private mutating func grow() {
        let oldHashes = hashes, oldSpans = spans, oldKeys = keys, oldValues = values
        let size = max(64, oldHashes.count * 2)
        hashes = [UInt64](repeating: 0, count: size)
        spans = [Range<Int>](repeating: 0..<0, count: size)
        keys = [String](repeating: "", count: size)
        values = [Value?](repeating: nil, count: size)
        let mask = size - 1
        for k in oldHashes.indices where oldHashes[k] != 0 {
            var i = Int(truncatingIfNeeded: oldHashes[k]) & mask
            while hashes[i] != 0 { i = (i + 1) & mask }
            hashes[i] = oldHashes[k]
            spans[i] = oldSpans[k]
            keys[i] = oldKeys[k]
            values[i] = oldValues[k]
        }
    }

    /// The table hash of `key`, or `nil` when it is not ASCII.
    private static func hash(_ key: String) -> UInt64? {
        var key = key
        return key.withUTF8 { asciiHash(bytes: $0) }
    }

    /// A non-zero 64-bit hash of `u` (multiply-xorshift per 8-byte word), or `nil` when a byte is not ASCII.
    static func asciiHash(bytes u: UnsafeBufferPointer<UInt8>) -> UInt64? {
        let n = u.count
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: n)
        var high: UInt64 = 0
        var i = 0
        if let base = u.baseAddress {
            let raw = UnsafeRawPointer(base)
            while i + 8 <= n {
                let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                high |= w
                h = (h ^ w) &* 0xFF51_AFD7_ED55_8CCD
                h ^= h >> 32
                i += 8
            }
            if i < n {
                var w: UInt64 = 0
                var shift: UInt64 = 0
                while i < n {
                    w |= UInt64(u[i]) << shift
                    shift += 8
                    i += 1
                }
                high |= w
                h = (h ^ w) &* 0xC4CE_B9FE_1A85_EC53
            }
        }
        if high & 0x8080_8080_8080_8080 != 0 { return nil }
        h ^= h >> 33
        h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        return h | 1
    }
}

extension TextMemo: Sendable where Value: Sendable {}

/// `count` bytes at `a` and `b` are equal.
@inline(__always)
private func bytesEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
    var i = 0
    while i + 8 <= count {
        if UnsafeRawPointer(a).loadUnaligned(fromByteOffset: i, as: UInt64.self)
            != UnsafeRawPointer(b).loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
        i += 8
    }
    while i < count {
        if a[i] != b[i] { return false }
        i += 1
    }
    return true
}
