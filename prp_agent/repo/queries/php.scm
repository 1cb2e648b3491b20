; prp-agent: calls, methods, classes, constants and attributes of PHP source.
(member_call_expression object: (_) @call.receiver name: (name) @call.name arguments: (arguments) @call.args) @call
(scoped_call_expression scope: (_) @call.receiver name: (name) @call.name arguments: (arguments) @call.args) @call
(function_call_expression function: (name) @call.name arguments: (arguments) @call.args) @call
(method_declaration name: (name) @def.name parameters: (formal_parameters) @def.params) @def
(function_definition name: (name) @def.name parameters: (formal_parameters) @def.params) @def
(class_declaration name: (name) @class.name body: (declaration_list) @class.body) @class
(const_element (name) @assign.name . (_) @assign.value) @assign
(assignment_expression left: (variable_name (name) @assign.name) right: (_) @assign.value) @assign
(attribute (name) @annotation.name parameters: (arguments)? @annotation.args) @annotation
