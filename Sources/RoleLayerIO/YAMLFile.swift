import Yams

/// A YAML file (instrument, mapping or scenario file) that cannot be used, with every problem
/// found, each naming its line where it has one.
public struct YAMLFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// One problem at one place.
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        /// 1-based line, or `nil` when the problem has no place in the file (for example a
        /// list left out and taken from the defaults).
        public var line: Int?
        /// 1-based column (in Unicode scalars), when known.
        public var column: Int?
        /// What is wrong, for example `"roles[2].code: missing key"`.
        public var message: String

        /// Creates a problem.
        public init(line: Int?, column: Int? = nil, message: String) {
            self.line = line
            self.column = column
            self.message = message
        }

        /// `line:column: message`, or the message alone.
        public var description: String {
            guard let line else { return message }
            return column.map { "\(line):\($0): \(message)" } ?? "\(line): \(message)"
        }
    }

    /// The path as given.
    public var path: String
    /// The problems, in file order where they have lines.
    public var problems: [Problem]

    /// Creates the error.
    public init(path: String, problems: [Problem]) {
        self.path = path
        self.problems = problems
    }

    /// One line per problem: `path:line:column: message`.
    public var description: String {
        problems.map { p in p.line == nil ? "\(path): \(p.message)" : "\(path):\(p)" }.joined(separator: "\n")
    }
}

/// Shared YAML decoding with line-numbered errors, used for instrument files, mapping files and
/// the simulator's scenario files. Built on Yams (libyaml).
public enum YAMLFile {
    /// Decodes the YAML file at `path` as `type`.
    ///
    /// Syntax errors, duplicated keys, wrong types and missing keys are reported with their line.
    /// When `T` is also `Encodable` and `rejectUnknownKeys` is true, a key that the type does not
    /// read (a typo such as `maximum_priority`) is an error too: the decoded value is encoded
    /// again and every key of the file absent from it is reported (keys whose value is `null`
    /// are allowed).
    ///
    /// - Throws: ``InputError`` when the file cannot be read (missing, a directory, permission);
    ///   ``YAMLFileError`` for any problem with its content.
    public static func decode<T: Decodable>(_ type: T.Type, path: String, rejectUnknownKeys: Bool = true) throws -> T {
        let bytes = try FileBytes.read(path: path)
        return try decode(type, bytes: bytes, fileName: path, rejectUnknownKeys: rejectUnknownKeys)
    }

    /// Decodes YAML already in memory; `fileName` names it in errors. See ``decode(_:path:rejectUnknownKeys:)``.
    public static func decode<T: Decodable>(_ type: T.Type, bytes: [UInt8], fileName: String,
                                            rejectUnknownKeys: Bool = true) throws(YAMLFileError) -> T {
        let node = try compose(bytes: bytes, fileName: fileName)
        let value: T
        do {
            value = try YAMLDecoder().decode(type, from: node)
        } catch let error as DecodingError {
            throw YAMLFileError(path: fileName, problems: [problem(for: error, in: node)])
        } catch {
            throw YAMLFileError(path: fileName, problems: [Problem(line: node.mark?.line, message: "\(error)")])
        }
        if rejectUnknownKeys, let encodable = value as? any Encodable {
            let unknown = unknownKeys(in: node, comparedWith: encodable)
            if !unknown.isEmpty { throw YAMLFileError(path: fileName, problems: unknown) }
        }
        return value
    }

    public typealias Problem = YAMLFileError.Problem

    // MARK: - Parsing

    /// The document's node tree (with marks), or the syntax error with its line.
    static func compose(bytes: [UInt8], fileName: String) throws(YAMLFileError) -> Node {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        guard let text = String(validating: body, as: UTF8.self) else {
            var line = 1
            var k = body.startIndex
            while k < body.endIndex {
                let valid = String(validating: body[body.startIndex..<k], as: UTF8.self) != nil
                if !valid { break }
                if body[k] == 0x0A { line += 1 }
                k += 1
            }
            throw YAMLFileError(path: fileName, problems: [Problem(line: line, message: "invalid UTF-8 bytes; save the file as UTF-8")])
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw YAMLFileError(path: fileName, problems: [problem(for: error)])
        } catch {
            throw YAMLFileError(path: fileName, problems: [Problem(line: nil, message: "\(error)")])
        }
        guard let node, node.null == nil else {
            throw YAMLFileError(path: fileName, problems: [Problem(line: nil, message: "the file is empty")])
        }
        return node
    }

    private static func problem(for error: YamlError) -> Problem {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let ctx = context.map { " (\($0.text) at line \($0.mark.line))" } ?? ""
            return Problem(line: mark.line, column: mark.column, message: "YAML syntax: \(problem)\(ctx)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return Problem(line: context.mark.line, column: context.mark.column,
                           message: "key given twice in one mapping: \(duplicates.joined(separator: ", "))")
        case .reader(let problem, _, _, _):
            return Problem(line: nil, message: "YAML: \(problem)")
        default:
            return Problem(line: nil, message: "YAML: \(error)")
        }
    }

    // MARK: - Decoding errors

    /// `roles[2].code`.
    static func pathString(_ path: [any CodingKey]) -> String {
        var s = ""
        for key in path {
            if let i = key.intValue, key.stringValue.hasPrefix("Index ") || key.stringValue == String(i) {
                s += "[\(i)]"
            } else {
                s += s.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return s
    }

    /// The deepest node along `path` and its mark.
    static func node(at path: [any CodingKey], in root: Node) -> Node {
        var current = root
        for key in path {
            if let mapping = current.mapping {
                guard let next = mapping.first(where: { $0.key.string == key.stringValue })?.value else { break }
                current = next
            } else if let sequence = current.sequence, let i = key.intValue, i >= 0, i < sequence.count {
                current = sequence[i]
            } else {
                break
            }
        }
        return current
    }

    private static func problem(for error: DecodingError, in root: Node) -> Problem {
        func at(_ path: [any CodingKey], _ message: String) -> Problem {
            let n = node(at: path, in: root)
            let place = pathString(path)
            return Problem(line: n.mark?.line, column: n.mark?.column, message: place.isEmpty ? message : "\(place): \(message)")
        }
        switch error {
        case .keyNotFound(let key, let ctx):
            return at(ctx.codingPath, "missing key '\(key.stringValue)'")
        case .typeMismatch(let type, let ctx):
            return at(ctx.codingPath, "expected \(describe(type))")
        case .valueNotFound(let type, let ctx):
            return at(ctx.codingPath, "expected \(describe(type)), found nothing")
        case .dataCorrupted(let ctx):
            return at(ctx.codingPath, ctx.debugDescription)
        @unknown default:
            return Problem(line: nil, message: "\(error)")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "text"
        case is Int.Type, is UInt64.Type, is Int64.Type: "a whole number"
        case is Double.Type: "a number"
        case is Bool.Type: "true or false"
        default:
            String(describing: type).hasSuffix("Scalar") ? "a single value" :
            String(describing: type).hasPrefix("Array") ? "a list" : String(describing: type).hasPrefix("Dictionary") ? "a mapping" : "a \(type)"
        }
    }

    // MARK: - Unknown keys

    /// Keys of `node` (recursively) that do not appear in `value` encoded again.
    private static func unknownKeys(in node: Node, comparedWith value: any Encodable) -> [Problem] {
        guard let yaml = try? YAMLEncoder().encode(value), let encoded = try? Yams.compose(yaml: yaml) else { return [] }
        var out: [Problem] = []
        compare(node, encoded, path: "", into: &out)
        return out.sorted { ($0.line ?? 0) < ($1.line ?? 0) }
    }

    private static func compare(_ given: Node, _ known: Node, path: String, into out: inout [Problem]) {
        if let gm = given.mapping {
            guard let km = known.mapping else { return }
            for (k, v) in gm {
                guard let name = k.string else { continue }
                let sub = path.isEmpty ? name : "\(path).\(name)"
                if let kv = km.first(where: { $0.key.string == name })?.value {
                    compare(v, kv, path: sub, into: &out)
                } else if v.null == nil {
                    out.append(Problem(line: k.mark?.line, column: k.mark?.column, message: "\(sub): unknown key"))
                }
            }
        } else if let gs = given.sequence, let ks = known.sequence {
            for (i, item) in gs.enumerated() where i < ks.count {
                compare(item, ks[i], path: "\(path)[\(i)]", into: &out)
            }
        }
    }
}
