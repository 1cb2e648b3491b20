; prp-agent: calls, definitions, classes, assignments and decorators of JavaScript and TypeScript source.
(call_expression function: (member_expression object: (_) @call.receiver property: (property_identifier) @call.name) arguments: (arguments) @call.args) @call
(call_expression function: (identifier) @call.name arguments: (arguments) @call.args) @call
(call_expression function: (subscript_expression object: (_) @call.receiver index: (identifier) @call.name) arguments: (arguments) @call.args) @call
(new_expression constructor: (identifier) @call.name arguments: (arguments) @call.args) @call
(new_expression constructor: (member_expression property: (property_identifier) @call.name) arguments: (arguments) @call.args) @call
(function_declaration name: (identifier) @def.name parameters: (formal_parameters) @def.params) @def
(method_definition name: (property_identifier) @def.name parameters: (formal_parameters) @def.params) @def
(variable_declarator name: (identifier) @def.name value: [(arrow_function parameters: (formal_parameters) @def.params) (function_expression parameters: (formal_parameters) @def.params)]) @def
(class_declaration name: (_) @class.name body: (class_body) @class.body) @class
(variable_declarator name: (identifier) @assign.name value: (_) @assign.value) @assign
(assignment_expression left: (identifier) @assign.name right: (_) @assign.value) @assign
(assignment_expression left: (member_expression property: (property_identifier) @assign.name) right: (_) @assign.value) @assign
(decorator [(call_expression function: (identifier) @annotation.name arguments: (arguments) @annotation.args) (identifier) @annotation.name]) @annotation
