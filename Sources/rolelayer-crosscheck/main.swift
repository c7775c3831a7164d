// rolelayer-crosscheck: the Swift half of tools/crosscheck/crosscheck.py.
//
// Reads a fixture file (JSON) and writes RoleLayer's values for every fixture (JSON):
//
//   input:  {"families": {"<family>": [<fixture>, ...], ...}}
//   output: {"families": {"<family>": [<result>, ...], ...}, "unsupported": ["<family>", ...]}
//
// A result is {"values": {"<quantity>": number | [numbers] | null, ...}, "reasons": {...}} where
// null (with its reason) means the kernel threw `StatisticError` ("not available"), or
// {"error": "<reason>"} when the whole fixture is not available, or {"adapterError": "..."} for a
// malformed fixture. Families this build does not know are listed under "unsupported".
//
// Usage: rolelayer-crosscheck [--input PATH] [--output PATH]   (default: stdin, stdout)
//        rolelayer-crosscheck --list-families
import Foundation
import RoleLayerCore

/// Every family the adapter computes: name → one fixture's values.
let families: [String: @Sendable (JSON) throws -> Output] = {
    var all = [String: @Sendable (JSON) throws -> Output]()
    // "transport" echoes its numbers: it proves that JSON carries every Double exactly both ways.
    all["transport"] = { fixture in
        var values = Values()
        values.set("values", .numbers(try fixture["values"].doubles))
        return values.output
    }
    for group in [descriptiveFamilies, testFamilies, agreementFamilies, extraFamilies, networkFamilies, survivalFamilies] {
        for (name, run) in group { all[name] = run }
    }
    return all
}()

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("rolelayer-crosscheck: \(message)\n".utf8))
    exit(2)
}

var inputPath: String?
var outputPath: String?
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--input":
        guard let path = arguments.next() else { fail("--input needs a path") }
        inputPath = path
    case "--output":
        guard let path = arguments.next() else { fail("--output needs a path") }
        outputPath = path
    case "--list-families":
        print(families.keys.sorted().joined(separator: "\n"))
        exit(0)
    case "-h", "--help":
        print("usage: rolelayer-crosscheck [--input PATH] [--output PATH] | --list-families")
        exit(0)
    default: fail("unknown argument \(argument)")
    }
}

let data: Data
if let inputPath {
    guard let d = FileManager.default.contents(atPath: inputPath) else { fail("cannot read \(inputPath)") }
    data = d
} else {
    data = FileHandle.standardInput.readDataToEndOfFile()
}

let document: JSON
do { document = try JSONDecoder().decode(JSON.self, from: data) } catch { fail("invalid JSON: \(error)") }
guard case .object(let root) = document, case .object(let fixtureFamilies)? = root["families"] else {
    fail("the input has no \"families\" object")
}

var results = [(String, Output)]()
var unsupported = [Output]()
for name in fixtureFamilies.keys.sorted() {
    guard let run = families[name] else {
        unsupported.append(.string(name))
        continue
    }
    guard case .array(let fixtures)? = fixtureFamilies[name] else { fail("family \(name) is not an array") }
    var out = [Output]()
    out.reserveCapacity(fixtures.count)
    for fixture in fixtures {
        do {
            out.append(try run(fixture))
        } catch let error as StatisticError {
            out.append(.object([("error", .string(error.reason))]))
        } catch {
            out.append(.object([("adapterError", .string("\(error)"))]))
        }
    }
    results.append((name, .array(out)))
}

var text = ""
Output.object([("families", .object(results)), ("unsupported", .array(unsupported))]).write(into: &text)
text += "\n"
if let outputPath {
    guard FileManager.default.createFile(atPath: outputPath, contents: Data(text.utf8)) else { fail("cannot write \(outputPath)") }
} else {
    FileHandle.standardOutput.write(Data(text.utf8))
}
