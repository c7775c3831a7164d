/// The distance between two respondents on the five alignment dimensions (constructs.md §4),
/// prepared once for a set of respondents so that a pair costs a few loads and a popcount.
///
/// Respondents are addressed by their position in the `rows` given to ``init(table:rows:)``
/// (for a cell: the position in ``Cell/rows``). Each dimension lies in 0...1:
/// - priorities: normalised top-k Spearman footrule (``SpearmanFootrule``, k = the instrument's
///   maximum list length, l = k + 1); an empty list has no ranking, so it counts as not answered;
/// - ownership: 0 for the same answer, else 1;
/// - direction: |d_i − d_j| / 4 (direction −2...2);
/// - conviction: |c_i − c_j| / 6 (confidence 1...7);
/// - risk: Jaccard distance of the blocker sets (``Jaccard``; 0 when both are empty).
///
/// Priority lists are mapped to ids of the distinct lists present, and the footrule between every
/// two distinct lists is computed once with the kernel (at most 401 lists with the default
/// instrument). With more than ``maximumPrecomputedLists`` distinct lists the kernel is called per pair.
struct PairDistance: Sendable {
    /// Distinct lists above which the footrule table is not precomputed.
    static let maximumPrecomputedLists = 1024

    /// One respondent's answers on the five dimensions, packed so that a pair touches two cache lines.
    struct Features: Sendable {
        /// Blocker set (meaningful where ``blockersAnswered``).
        var blockers: UInt64 = 0
        /// Distinct priority list id, or −1 when the list is not answered or empty.
        var priorityList: Int32 = -1
        /// Local cluster of the respondent in its cell (−1 when not given).
        var cluster: Int32 = -1
        /// Ownership code (a role index, shared, unclear), or −1.
        var ownership: Int16 = -1
        /// Direction −2...2, or `Int8.min`.
        var direction: Int8 = Int8.min
        /// Confidence 1...7, or 0.
        var confidence: Int8 = 0
        /// Whether the blocker question was answered.
        var blockersAnswered: Bool = false
    }

    /// The respondents' answers, by position.
    let features: [Features]
    /// The distinct priority lists (item indices, most important first).
    let lists: [[Int]]
    /// Footrule distance between lists i and j at i * lists.count + j, or empty when not precomputed
    /// or held as codes (``listDistanceCode``). −1 marks a pair the kernel could not score.
    let listDistance: [Double]
    /// The precomputed footrule distances as one byte per pair of lists (i * lists.count + j), an
    /// index into ``listDistanceValues``: the table is 8 times smaller, so the random pairs of the
    /// chance baseline find it in cache. Empty when the distances take more than 256 values.
    let listDistanceCode: [UInt8]
    /// The distinct precomputed distances (−1 = could not score), indexed by ``listDistanceCode``.
    let listDistanceValues: [Double]
    /// k of the top-k footrule.
    let k: Int

    /// Number of respondents.
    var count: Int { features.count }

    /// Prepares the respondents `rows` (indices into `table`), with their local clusters if given.
    init(table: ResponseTable, rows: [Int32], clusters: [Int32]? = nil) {
        let k = table.maximumPriorities
        self.k = k
        var features = [Features](repeating: Features(), count: rows.count)
        var lists: [[Int]] = []
        var idOfList: [[Int8]: Int32] = [:]
        var key = [Int8](repeating: -1, count: k)
        for (p, r) in rows.enumerated() {
            let i = Int(r)
            var f = Features()
            f.ownership = table.ownership[i]
            f.direction = table.direction[i]
            f.confidence = table.confidence[i]
            f.blockers = table.blockers[i]
            f.blockersAnswered = table.blockersAnswered[i]
            if let clusters { f.cluster = clusters[p] }
            let m = Int(table.priorityCount[i])
            if m > 0 {
                for j in 0..<k { key[j] = table.priorities[i * k + j] }
                if let id = idOfList[key] {
                    f.priorityList = id
                } else {
                    let id = Int32(lists.count)
                    idOfList[key] = id
                    lists.append((0..<m).map { Int(key[$0]) })
                    f.priorityList = id
                }
            }
            features[p] = f
        }
        self.features = features
        self.lists = lists
        let d = lists.count
        if d <= PairDistance.maximumPrecomputedLists {
            var table = [Double](repeating: 0, count: d * d)
            for a in 0..<d {
                for b in (a + 1)..<d {
                    let v = (try? SpearmanFootrule.normalisedDistance(lists[a], lists[b], k: k)) ?? -1
                    table[a * d + b] = v
                    table[b * d + a] = v
                }
            }
            // The same values by code when there are at most 256 of them (bit patterns compared).
            var values: [Double] = [], codeOf: [UInt64: UInt8] = [:]
            var codes = [UInt8](repeating: 0, count: d * d)
            var fits = true
            for i in 0..<(d * d) {
                let bits = table[i].bitPattern
                if let c = codeOf[bits] {
                    codes[i] = c
                } else if values.count < 256 {
                    codeOf[bits] = UInt8(values.count)
                    codes[i] = UInt8(values.count)
                    values.append(table[i])
                } else {
                    fits = false
                    break
                }
            }
            listDistance = fits ? [] : table
            listDistanceCode = fits ? codes : []
            listDistanceValues = fits ? values : []
        } else {
            listDistance = []
            listDistanceCode = []
            listDistanceValues = []
        }
    }

    /// The footrule distance between two list ids, or `nil` when the kernel cannot score them.
    @inline(__always)
    func priorityDistance(_ a: Int32, _ b: Int32) -> Double? {
        if a == b { return 0 }
        let d = lists.count
        let v: Double
        if !listDistanceCode.isEmpty {
            v = listDistanceValues[Int(listDistanceCode[Int(a) * d + Int(b)])]
        } else if !listDistance.isEmpty {
            v = listDistance[Int(a) * d + Int(b)]
        } else {
            v = (try? SpearmanFootrule.normalisedDistance(lists[Int(a)], lists[Int(b)], k: k)) ?? -1
        }
        return v >= 0 ? v : nil
    }

    /// The per-dimension distances of respondents `i` and `j`.
    ///
    /// - Returns: lanes 0...4 hold the distances of ``AlignmentDimension/allCases`` in order
    ///   (priorities, ownership, direction, conviction, risk), 0 where not defined; `defined` has
    ///   bit d set when both answered dimension d.
    @inline(__always)
    func distances(_ i: Int, _ j: Int) -> (values: SIMD8<Double>, defined: UInt8) {
        features.withUnsafeBufferPointer { f in distances(f[i], f[j]) }
    }

    /// The per-dimension distances of two respondents' features (see ``distances(_:_:)``).
    @inline(__always)
    func distances(_ x: Features, _ y: Features) -> (values: SIMD8<Double>, defined: UInt8) {
        var v = SIMD8<Double>(repeating: 0)
        var defined: UInt8 = 0
        if x.priorityList >= 0, y.priorityList >= 0, let d = priorityDistance(x.priorityList, y.priorityList) {
            v[0] = d
            defined |= 1
        }
        if x.ownership >= 0, y.ownership >= 0 {
            v[1] = x.ownership == y.ownership ? 0 : 1
            defined |= 2
        }
        if x.direction != Int8.min, y.direction != Int8.min {
            v[2] = Double(abs(Int(x.direction) - Int(y.direction))) / 4
            defined |= 4
        }
        if x.confidence > 0, y.confidence > 0 {
            v[3] = Double(abs(Int(x.confidence) - Int(y.confidence))) / 6
            defined |= 8
        }
        if x.blockersAnswered, y.blockersAnswered {
            v[4] = Jaccard.distance(x.blockers, y.blockers)
            defined |= 16
        }
        return (v, defined)
    }

    /// The pair alignment A_ij = 1 − mean of the distances on the dimensions both answered
    /// (equal weights), or `nil` when they share no answered dimension.
    @inline(__always)
    static func alignment(_ d: (values: SIMD8<Double>, defined: UInt8)) -> Double? {
        let m = d.defined.nonzeroBitCount
        guard m > 0 else { return nil }
        return 1 - d.values.sum() / Double(m)
    }
}
