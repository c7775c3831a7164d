import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A parsed XML element: name, attributes, children and text, for structural assertions.
final class XMLNode {
    let name: String
    let attributes: [String: String]
    var children: [XMLNode] = []
    var text = ""
    weak var parent: XMLNode?

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    /// Every element below (and including) this one, in document order.
    var descendants: [XMLNode] {
        [self] + children.flatMap(\.descendants)
    }

    /// All text below this element.
    var allText: String {
        text + children.map(\.allText).joined()
    }

    func all(_ name: String) -> [XMLNode] { descendants.filter { $0.name == name } }
}

/// Parses `markup` with Foundation's XMLParser; returns the root or the parser's error.
enum XMLTree {
    struct ParseFailure: Error, CustomStringConvertible {
        var description: String
    }

    static func parse(_ markup: String) -> Result<XMLNode, ParseFailure> {
        let delegate = Delegate()
        let parser = XMLParser(data: Data(markup.utf8))
        parser.delegate = delegate
        if parser.parse(), let root = delegate.root {
            return .success(root)
        }
        let line = parser.lineNumber, column = parser.columnNumber
        let lines = markup.split(separator: "\n", omittingEmptySubsequences: false)
        let context = line >= 1 && line <= lines.count ? String(lines[line - 1].prefix(300)) : ""
        return .failure(ParseFailure(description: "\(parser.parserError.map { "\($0)" } ?? "parse failed") at \(line):\(column): \(context)"))
    }

    private final class Delegate: NSObject, XMLParserDelegate {
        var root: XMLNode?
        var stack: [XMLNode] = []

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
                    attributes attributeDict: [String: String] = [:]) {
            let node = XMLNode(name: elementName, attributes: attributeDict)
            if let parent = stack.last {
                node.parent = parent
                parent.children.append(node)
            } else {
                root = node
            }
            stack.append(node)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            stack.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.text += string
        }
    }
}
