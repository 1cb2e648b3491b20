const express = require("express");
const invoices = require("./routes/invoices");
const { requireToken } = require("./auth");

const app = express();
app.use(express.json());
app.use("/invoices", requireToken, invoices);

module.exports = app;
