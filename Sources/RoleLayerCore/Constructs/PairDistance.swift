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

    /// Distinct priority list id per respondent, or −1 when the list is not answered or empty.
    let priorityList: [Int32]
    /// Ownership code per respondent (a role index, shared, unclear), or −1.
    let ownership: [Int16]
    /// Direction −2...2 per respondent, or `Int8.min`.
    let direction: [Int8]
    /// Confidence 1...7 per respondent, or 0.
    let confidence: [Int8]
    /// Blocker set per respondent.
    let blockers: [UInt64]
    /// Whether the blocker question was answered.
    let blockersAnswered: [Bool]
    /// The distinct priority lists (item indices, most important first).
    let lists: [[Int]]
    /// Footrule distance between lists i and j at i * lists.count + j, or empty when not precomputed.
    /// −1 marks a pair the kernel could not score.
    let listDistance: [Double]
    /// k of the top-k footrule.
    let k: Int

    /// Number of respondents.
    var count: Int { priorityList.count }

    /// Prepares the respondents `rows` (indices into `table`).
    init(table: ResponseTable, rows: [Int32]) {
        let k = table.maximumPriorities
        self.k = k
        let n = rows.count
        var listID = [Int32](repeating: -1, count: n)
        var own = [Int16](repeating: -1, count: n)
        var dir = [Int8](repeating: Int8.min, count: n)
        var conf = [Int8](repeating: 0, count: n)
        var blk = [UInt64](repeating: 0, count: n)
        var blkA = [Bool](repeating: false, count: n)
        var lists: [[Int]] = []
        var idOfList: [[Int8]: Int32] = [:]
        var key = [Int8](repeating: -1, count: k)
        for (p, r) in rows.enumerated() {
            let i = Int(r)
            own[p] = table.ownership[i]
            dir[p] = table.direction[i]
            conf[p] = table.confidence[i]
            blk[p] = table.blockers[i]
            blkA[p] = table.blockersAnswered[i]
            let m = Int(table.priorityCount[i])
            guard m > 0 else { continue }
            for j in 0..<k { key[j] = table.priorities[i * k + j] }
            if let id = idOfList[key] {
                listID[p] = id
            } else {
                let id = Int32(lists.count)
                idOfList[key] = id
                lists.append((0..<m).map { Int(key[$0]) })
                listID[p] = id
            }
        }
        priorityList = listID
        ownership = own
        direction = dir
        confidence = conf
        blockers = blk
        blockersAnswered = blkA
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
            listDistance = table
        } else {
            listDistance = []
        }
    }

    /// The footrule distance between two list ids, or `nil` when the kernel cannot score them.
    @inline(__always)
    func priorityDistance(_ a: Int32, _ b: Int32) -> Double? {
        if a == b { return 0 }
        let d = lists.count
        let v: Double
        if listDistance.isEmpty {
            v = (try? SpearmanFootrule.normalisedDistance(lists[Int(a)], lists[Int(b)], k: k)) ?? -1
        } else {
            v = listDistance[Int(a) * d + Int(b)]
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
        var v = SIMD8<Double>(repeating: 0)
        var defined: UInt8 = 0
        let pa = priorityList[i], pb = priorityList[j]
        if pa >= 0, pb >= 0, let d = priorityDistance(pa, pb) {
            v[0] = d
            defined |= 1
        }
        let oa = ownership[i], ob = ownership[j]
        if oa >= 0, ob >= 0 {
            v[1] = oa == ob ? 0 : 1
            defined |= 2
        }
        let da = direction[i], db = direction[j]
        if da != Int8.min, db != Int8.min {
            v[2] = Double(abs(Int(da) - Int(db))) / 4
            defined |= 4
        }
        let ca = confidence[i], cb = confidence[j]
        if ca > 0, cb > 0 {
            v[3] = Double(abs(Int(ca) - Int(cb))) / 6
            defined |= 8
        }
        if blockersAnswered[i], blockersAnswered[j] {
            v[4] = Jaccard.distance(blockers[i], blockers[j])
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
