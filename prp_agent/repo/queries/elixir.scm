; prp-agent: calls and module attributes of Elixir source.
(call target: (identifier) @call.name (arguments)? @call.args) @call
(call target: (dot left: (_) @call.receiver right: (identifier) @call.name) (arguments)? @call.args) @call
(unary_operator operator: "@" operand: (call target: (identifier) @assign.name (arguments . (_) @assign.value))) @assign
