; prp-agent: calls, methods, classes, constants and attributes of C# source.
(invocation_expression function: (member_access_expression expression: (_) @call.receiver name: (_) @call.name) arguments: (argument_list) @call.args) @call
(invocation_expression function: (identifier) @call.name arguments: (argument_list) @call.args) @call
(method_declaration name: (identifier) @def.name parameters: (parameter_list) @def.params) @def
(class_declaration name: (identifier) @class.name body: (declaration_list) @class.body) @class
(record_declaration name: (identifier) @class.name) @class
(variable_declarator name: (identifier) @assign.name (_) @assign.value) @assign
(attribute name: (_) @annotation.name (attribute_argument_list)? @annotation.args) @annotation
(object_creation_expression type: (identifier) @call.name arguments: (argument_list) @call.args) @call
