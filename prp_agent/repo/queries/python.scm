; prp-agent: calls, definitions, classes, assignments and decorators of Python source (see repo/syntax.py).
(call function: (attribute object: (_) @call.receiver attribute: (identifier) @call.name) arguments: (argument_list) @call.args) @call
(call function: (identifier) @call.name arguments: (argument_list) @call.args) @call
(function_definition name: (identifier) @def.name parameters: (parameters) @def.params) @def
(class_definition name: (identifier) @class.name superclasses: (argument_list)? @class.bases body: (block) @class.body) @class
(assignment left: (identifier) @assign.name right: (_) @assign.value) @assign
(assignment left: (attribute attribute: (identifier) @assign.name) right: (_) @assign.value) @assign
