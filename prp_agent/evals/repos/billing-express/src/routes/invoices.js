const express = require("express");
const Invoice = require("../models/invoice");

const router = express.Router();

router.get("/", async (req, res) => res.json(await Invoice.find({ customer: req.user.id })));
router.get("/:id", async (req, res) => res.json(await Invoice.findById(req.params.id)));
router.post("/", async (req, res) => res.status(201).json(await Invoice.create(req.body)));

module.exports = router;
