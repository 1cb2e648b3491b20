; prp-agent: calls, methods, classes and constants of Ruby source.
(call receiver: (_)? @call.receiver method: (identifier) @call.name arguments: (argument_list)? @call.args) @call
; `String :name, null: false` (Sequel's typed columns), `Sequel::Model(:table)`
(call receiver: (_)? @call.receiver method: (constant) @call.name arguments: (argument_list) @call.args) @call
(method name: (_) @def.name) @def
(class name: (_) @class.name) @class
(assignment left: (constant) @assign.name right: (_) @assign.value) @assign
