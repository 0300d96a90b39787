// `keyledger/spec-has-assertion` (issue 20): every uvu test must assert something. A test asserts when its body
// (or a function of the same file it calls, followed transitively) calls `assert…` from uvu/assert, a helper
// whose name says it checks (CHECKERS), or a given/when/then step (`.then…`, `.thenRejects`). A test that only
// runs code passes whatever the code does. A test handed in by a wrapper (`withFixture(name, async (f) => …)`)
// is checked where its body is written: the wrapper's callback parameter is trusted to be such a body.

const CHECKERS = /^(assert|expect|check|verify|refused|accepted|denied|allowed|rejects|throws|must|equal|agrees|roundTrip)/i
const STEP = /^then([A-Z]|$)/

const rootName = (n) => {
  while (n && n.type === 'MemberExpression') n = n.object
  while (n && n.type === 'CallExpression') n = rootName(n.callee) === undefined ? undefined : n.callee
  return n && n.type === 'Identifier' ? n.name : undefined
}

const walk = (node, f) => {
  if (!node || typeof node.type !== 'string') return
  f(node)
  for (const key of Object.keys(node)) {
    if (key === 'parent') continue
    const v = node[key]
    if (Array.isArray(v)) v.forEach((c) => walk(c, f))
    else if (v && typeof v.type === 'string') walk(v, f)
  }
}

/** The names a call made in `body` reaches: its callee's root identifier, and a property name if any. */
const calls = (body) => {
  const out = []
  walk(body, (n) => {
    if (n.type !== 'CallExpression') return
    const c = n.callee
    const root = rootName(c)
    const member = c.type === 'MemberExpression' && c.property.type === 'Identifier' ? c.property.name : undefined
    out.push({ root, member })
  })
  return out
}

const isTestCall = (node) => {
  const c = node.callee
  return (
    (c.type === 'Identifier' && /^(test|it)$/.test(c.name)) ||
    (c.type === 'MemberExpression' && c.object.type === 'Identifier' && /^(test|it)$/.test(c.object.name) && c.property.name === 'only')
  )
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'every uvu test asserts something' },
    schema: [],
    messages: { none: 'This test asserts nothing: call assert.* (uvu/assert) or a checking helper.' },
  },
  create: (context) => {
    const functions = new Map() // name → body, for the file's own functions
    const tests = []
    const params = new Set() // callback parameters of wrappers that call test()
    return {
      VariableDeclarator(node) {
        if (node.id.type === 'Identifier' && node.init && /FunctionExpression$/.test(node.init.type)) functions.set(node.id.name, node.init.body)
      },
      FunctionDeclaration(node) {
        if (node.id) functions.set(node.id.name, node.body)
      },
      CallExpression(node) {
        if (!isTestCall(node)) return
        const body = node.arguments[1]
        if (!body || !/FunctionExpression$/.test(body.type)) return
        tests.push({ node, body: body.body })
        // A test inside a wrapper: the wrapper's own parameters are the bodies handed to it.
        for (let p = node.parent; p; p = p.parent)
          if (/Function/.test(p.type)) for (const param of p.params) if (param.type === 'Identifier') params.add(param.name)
      },
      'Program:exit'() {
        const memo = new Map()
        const asserts = (body, seen) =>
          calls(body).some(({ root, member }) => {
            if (root === 'assert' || (root && CHECKERS.test(root)) || (member && (CHECKERS.test(member) || STEP.test(member)))) return true
            if (root && params.has(root) && !functions.has(root)) return true
            if (!root || !functions.has(root) || seen.has(root)) return false
            if (!memo.has(root)) memo.set(root, asserts(functions.get(root), new Set([...seen, root])))
            return memo.get(root)
          })
        for (const t of tests) if (!asserts(t.body, new Set())) context.report({ node: t.node, messageId: 'none' })
      },
    }
  },
}

export default { rules: { 'spec-has-assertion': rule } }
