#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A simple graph on nodes 0..<nodeCount: unweighted, no self-loops, no repeated edges; directed
/// or undirected. The input of ``Centrality`` (small graphs: roles, about 10 nodes).
///
/// Self-loops are rejected because RoleLayer's nomination graph treats a self-nomination as
/// invalid input (constructs.md §6); Wasserman & Faust (1994, ch. 4) define the centralities
/// below on simple graphs.
public struct SimpleGraph: Sendable, Hashable {
    /// Number of nodes N >= 0.
    public let nodeCount: Int
    /// Whether an edge (a, b) means a → b only (`true`) or a — b (`false`).
    public let directed: Bool
    /// successors[a] = nodes b with an edge a → b (undirected: the neighbours), ascending.
    public let successors: [[Int]]
    /// predecessors[b] = nodes a with an edge a → b (undirected: the neighbours), ascending.
    public let predecessors: [[Int]]

    /// Builds a graph from its edges.
    ///
    /// - Parameters:
    ///   - nodeCount: N >= 0.
    ///   - edges: pairs of node indices in 0..<N; undirected edges are listed once, in either order.
    ///   - directed: see ``directed``.
    /// - Throws: `StatisticError` for a negative N, a node index out of range, a self-loop, or an edge
    ///   listed twice (for undirected graphs, (a, b) and (b, a) are the same edge).
    public init(nodeCount: Int, edges: [(Int, Int)], directed: Bool) throws(StatisticError) {
        guard nodeCount >= 0 else { throw StatisticError("node count must be >= 0") }
        var out = [Set<Int>](repeating: [], count: nodeCount)
        var into = [Set<Int>](repeating: [], count: nodeCount)
        for (a, b) in edges {
            guard (0..<nodeCount).contains(a), (0..<nodeCount).contains(b) else {
                throw StatisticError("edge (\(a), \(b)) has a node outside 0..<\(nodeCount)")
            }
            guard a != b else { throw StatisticError("self-loop at node \(a): self-nominations are invalid input") }
            guard !out[a].contains(b) else { throw StatisticError("edge (\(a), \(b)) is listed twice") }
            out[a].insert(b); into[b].insert(a)
            if !directed { out[b].insert(a); into[a].insert(b) }
        }
        self.nodeCount = nodeCount
        self.directed = directed
        self.successors = out.map { $0.sorted() }
        self.predecessors = into.map { $0.sorted() }
    }

    /// Builds a graph from a weight matrix: an edge a → b wherever `weights[a][b] > 0` (N x N; the
    /// diagonal must be 0). Undirected graphs need a symmetric pattern.
    /// - Throws: `.shape` for a non-square matrix; `.nonFinite`; `StatisticError` for a negative weight,
    ///   a self-loop, or an asymmetric pattern when `directed` is false.
    public init(weights: [[Double]], directed: Bool) throws(StatisticError) {
        let n = weights.count
        var edges = [(Int, Int)]()
        for a in 0..<n where weights[a].count != n {
            throw .shape("row \(a) has \(weights[a].count) weights, expected \(n)")
        }
        for a in 0..<n {
            for b in 0..<n {
                let w = weights[a][b]
                guard w.isFinite else { throw .nonFinite }
                guard w >= 0 else { throw StatisticError("negative edge weight \(w) at \(a) → \(b)") }
                guard w > 0 else { continue }
                if a == b { throw StatisticError("self-loop at node \(a): self-nominations are invalid input") }
                if !directed, !(weights[b][a] > 0) {
                    throw StatisticError("undirected graph needs a symmetric weight pattern (\(a), \(b))")
                }
                if directed || a < b { edges.append((a, b)) }
            }
        }
        try self.init(nodeCount: n, edges: edges, directed: directed)
    }
}

/// Classical centralities of small simple graphs (Wasserman & Faust 1994, *Social Network Analysis*,
/// ch. 5), matching networkx 3.x's defaults (`degree_centrality`, `closeness_centrality` with
/// `wf_improved=True`, `betweenness_centrality`, `eigenvector_centrality`). For influence, RoleLayer
/// uses ``PageRank``; these are descriptive companions. All return one value per node (count = N).
public enum Centrality {
    /// Degree centrality d(v) / (N − 1), with d = in-degree + out-degree for directed graphs
    /// (networkx `degree_centrality`); in 0...1 undirected, 0...2 directed. N = 1 gives [1], N = 0 [].
    public static func degree(_ graph: SimpleGraph) -> [Double] {
        let n = graph.nodeCount
        if n <= 1 { return [Double](repeating: 1, count: n) }
        return (0..<n).map { v in
            let d = graph.directed ? graph.successors[v].count + graph.predecessors[v].count : graph.successors[v].count
            return Double(d) / Double(n - 1)
        }
    }

    /// In-degree prestige d_in(v) / (N − 1) (Wasserman & Faust 1994, §5.3), in 0...1; for undirected
    /// graphs the same as ``degree(_:)``. N = 1 gives [1].
    public static func inDegree(_ graph: SimpleGraph) -> [Double] {
        let n = graph.nodeCount
        if n <= 1 { return [Double](repeating: 1, count: n) }
        return graph.predecessors.map { Double($0.count) / Double(n - 1) }
    }

    /// Out-degree d_out(v) / (N − 1), in 0...1; N = 1 gives [1].
    public static func outDegree(_ graph: SimpleGraph) -> [Double] {
        let n = graph.nodeCount
        if n <= 1 { return [Double](repeating: 1, count: n) }
        return graph.successors.map { Double($0.count) / Double(n - 1) }
    }

    /// Closeness centrality (Bavelas 1950; Freeman 1979) with the Wasserman & Faust (1994, eq. 5.22)
    /// correction for unreachable nodes, as networkx `closeness_centrality(wf_improved=True)`:
    /// C(u) = ((r − 1) / Σ_v d(v, u)) · ((r − 1) / (N − 1)), where r counts the nodes that reach u
    /// (u included) and d(v, u) is the shortest-path length from v to u (for directed graphs,
    /// incoming distance). In 0...1; 0 for a node nobody reaches; [0] for N = 1.
    public static func closeness(_ graph: SimpleGraph) -> [Double] {
        let n = graph.nodeCount
        var result = [Double](repeating: 0, count: n)
        var distance = [Int](repeating: -1, count: n)
        var queue = [Int]()
        queue.reserveCapacity(n)
        for u in 0..<n {
            for i in 0..<n { distance[i] = -1 }
            queue.removeAll(keepingCapacity: true)
            distance[u] = 0
            queue.append(u)
            var head = 0, total = 0
            while head < queue.count {
                let v = queue[head]; head += 1
                total += distance[v]
                for w in graph.predecessors[v] where distance[w] < 0 {
                    distance[w] = distance[v] + 1
                    queue.append(w)
                }
            }
            let reached = queue.count
            if total > 0 && n > 1 {
                result[u] = Double(reached - 1) / Double(total) * Double(reached - 1) / Double(n - 1)
            }
        }
        return result
    }

    /// Betweenness centrality C_B(v) = Σ_{s ≠ v ≠ t} σ_st(v) / σ_st (Freeman 1977, Sociometry
    /// 40:35-41), computed with Brandes' algorithm (Brandes 2001, J. Math. Sociol. 25:163-177) in
    /// O(N·E). Undirected graphs count each unordered pair once.
    ///
    /// - Parameter normalized: divide by (N − 1)(N − 2) for directed graphs and (N − 1)(N − 2)/2 for
    ///   undirected ones (networkx's default), giving 0...1; for N <= 2 the raw values (all 0).
    public static func betweenness(_ graph: SimpleGraph, normalized: Bool = true) -> [Double] {
        let n = graph.nodeCount
        var centrality = [Double](repeating: 0, count: n)
        var sigma = [Double](repeating: 0, count: n)
        var distance = [Int](repeating: -1, count: n)
        var delta = [Double](repeating: 0, count: n)
        var order = [Int]()  // nodes in non-decreasing distance from s (the stack S of Brandes)
        order.reserveCapacity(n)
        for s in 0..<n {
            for i in 0..<n { sigma[i] = 0; distance[i] = -1; delta[i] = 0 }
            order.removeAll(keepingCapacity: true)
            sigma[s] = 1; distance[s] = 0
            order.append(s)
            var head = 0
            while head < order.count {
                let v = order[head]; head += 1
                for w in graph.successors[v] {
                    if distance[w] < 0 { distance[w] = distance[v] + 1; order.append(w) }
                    if distance[w] == distance[v] + 1 { sigma[w] += sigma[v] }
                }
            }
            // Accumulate dependencies in reverse BFS order; predecessors of w on shortest paths are
            // the v with an edge v → w and distance[v] == distance[w] − 1.
            for w in order.reversed() {
                for v in graph.predecessors[w] where distance[v] >= 0 && distance[v] == distance[w] - 1 {
                    delta[v] += sigma[v] / sigma[w] * (1 + delta[w])
                }
                if w != s { centrality[w] += delta[w] }
            }
        }
        // networkx `_rescale`: normalised -> 1/((N-1)(N-2)) when N > 2 (undirected pairs were
        // counted in both directions, so this equals the halved sum over 2/((N-1)(N-2)));
        // raw undirected -> halved.
        if normalized {
            if n > 2 { for i in 0..<n { centrality[i] /= Double((n - 1) * (n - 2)) } }
        } else if !graph.directed {
            for i in 0..<n { centrality[i] *= 0.5 }
        }
        return centrality
    }

    /// Eigenvector centrality and its eigenvalue.
    public struct Eigenvector: Sendable, Hashable {
        /// Scores, count = N, non-negative, unit Euclidean norm.
        public var scores: [Double]
        /// The leading eigenvalue λ_max of the adjacency matrix.
        public var eigenvalue: Double
    }

    /// Eigenvector centrality λ x = Aᵀ x (Bonacich 1972, J. Math. Sociol. 2:113-120; 1987,
    /// AJS 92:1170-1182): a node is central when central nodes point to it (x_v = Σ_{u → v} x_u / λ).
    /// Power iteration on Aᵀ + I from the uniform vector (the shift makes bipartite graphs converge;
    /// networkx `eigenvector_centrality`), normalised to unit Euclidean norm, stopped when
    /// Σ|Δx| < N · tolerance.
    ///
    /// - Returns: `[]` scores for N = 0; `[1]` (λ = 0) for N = 1.
    /// - Throws: `StatisticError` when the graph is not strongly connected (undirected: not connected),
    ///   where the scores are not unique or collapse to 0 (use ``PageRank`` there), for a non-positive
    ///   tolerance or iteration limit, or when the iteration does not converge.
    public static func eigenvector(_ graph: SimpleGraph, tolerance: Double = 1e-12,
                                   maximumIterations: Int = 10_000) throws(StatisticError) -> Eigenvector {
        let n = graph.nodeCount
        guard tolerance > 0, maximumIterations > 0 else { throw StatisticError("tolerance and maximumIterations must be positive") }
        if n == 0 { return Eigenvector(scores: [], eigenvalue: 0) }
        if n == 1 { return Eigenvector(scores: [1], eigenvalue: 0) }
        guard isStronglyConnected(graph) else {
            throw StatisticError(graph.directed ? "eigenvector centrality needs a strongly connected graph"
                                                : "eigenvector centrality needs a connected graph")
        }
        var x = [Double](repeating: 1 / Double(n), count: n)
        var next = [Double](repeating: 0, count: n)
        for _ in 0..<maximumIterations {
            for v in 0..<n {
                var s = x[v]
                for u in graph.predecessors[v] { s += x[u] }
                next[v] = s
            }
            var norm = 0.0
            for v in 0..<n { norm += next[v] * next[v] }
            norm = norm.squareRoot()
            var change = 0.0
            for v in 0..<n { next[v] /= norm; change += abs(next[v] - x[v]) }
            swap(&x, &next)
            if change < Double(n) * tolerance {
                // Rayleigh quotient of Aᵀ at the unit vector x.
                var lambda = 0.0
                for v in 0..<n {
                    var s = 0.0
                    for u in graph.predecessors[v] { s += x[u] }
                    lambda += x[v] * s
                }
                return Eigenvector(scores: x, eigenvalue: lambda)
            }
        }
        throw StatisticError("eigenvector centrality did not converge in \(maximumIterations) iterations")
    }

    // MARK: - Helpers

    /// Whether every node reaches every other (undirected: connectivity).
    static func isStronglyConnected(_ graph: SimpleGraph) -> Bool {
        let n = graph.nodeCount
        guard n > 1 else { return true }
        func reachesAll(_ next: [[Int]]) -> Bool {
            var seen = [Bool](repeating: false, count: n)
            var stack = [0]
            seen[0] = true
            var count = 1
            while let v = stack.popLast() {
                for w in next[v] where !seen[w] { seen[w] = true; count += 1; stack.append(w) }
            }
            return count == n
        }
        return reachesAll(graph.successors) && reachesAll(graph.predecessors)
    }
}
